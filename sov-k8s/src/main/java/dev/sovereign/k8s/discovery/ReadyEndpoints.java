package dev.sovereign.k8s.discovery;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** The base URLs of the ready serving pods behind a Service, read from its EndpointSlices. */
final class ReadyEndpoints {

    /** The Service port the renderer names for the engine's OpenAI API (CoreRenderer). */
    static final String PORT_NAME = "http";

    private ReadyEndpoints() {
    }

    static List<URI> of(Collection<EndpointSlice> slices) {
        // Sorted and de-duplicated: a pod may briefly appear in two slices while they are rebalanced.
        TreeSet<String> urls = new TreeSet<>();
        for (EndpointSlice slice : slices) {
            Integer port = httpPort(slice);
            if (port == null || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (!ready(endpoint) || endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                // Every address of one endpoint is the same pod (fungible, per the API); one is enough.
                urls.add("http://" + host(slice.getAddressType(), endpoint.getAddresses().getFirst()) + ":" + port);
            }
        }
        return urls.stream().map(URI::create).toList();
    }

    /**
     * The API: "ready ... A nil value should be interpreted as 'true'" (consumers treat an unknown
     * state as ready); a terminating pod always has ready false, so it gets no new requests.
     */
    private static boolean ready(Endpoint endpoint) {
        return endpoint.getConditions() == null || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
    }

    private static Integer httpPort(EndpointSlice slice) {
        if (slice.getPorts() == null) {
            return null;
        }
        return slice.getPorts().stream().filter(p -> PORT_NAME.equals(p.getName())).map(EndpointPort::getPort)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String host(String addressType, String address) {
        return "IPv6".equals(addressType) ? "[" + address + "]" : address;
    }
}
