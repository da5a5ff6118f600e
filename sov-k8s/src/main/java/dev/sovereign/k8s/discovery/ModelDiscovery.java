package dev.sovereign.k8s.discovery;

import dev.sovereign.k8s.operator.InferenceServiceResource;
import dev.sovereign.k8s.operator.SpecReader;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the InferenceServices of one namespace and the EndpointSlices of their Services, and
 * tells a listener the models to route to whenever that changes. The renderer names each model's
 * Service after the InferenceService, and Kubernetes labels every EndpointSlice with the name of
 * its Service ({@code kubernetes.io/service-name}): that label joins the two.
 */
public final class ModelDiscovery implements AutoCloseable {

    /** Set by the EndpointSlice controller on every slice it manages. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private static final Logger LOG = LoggerFactory.getLogger(ModelDiscovery.class);

    private final String namespace;
    private final Consumer<List<DiscoveredModel>> listener;
    private final Set<String> reportedInvalid = new HashSet<>();
    private SharedIndexInformer<InferenceServiceResource> services;
    private SharedIndexInformer<EndpointSlice> slices;
    private volatile List<DiscoveredModel> current;

    private ModelDiscovery(String namespace, Consumer<List<DiscoveredModel>> listener) {
        this.namespace = namespace;
        this.listener = listener;
    }

    /**
     * Lists both kinds, tells the listener the first snapshot, then follows changes until closed.
     * Fails with a message naming what is missing when the namespace cannot be listed or watched.
     */
    public static ModelDiscovery start(KubernetesClient client, String namespace, Consumer<List<DiscoveredModel>> listener) {
        ModelDiscovery discovery = new ModelDiscovery(namespace, listener);
        ResourceEventHandler<Object> onChange = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object object) {
                discovery.refresh();
            }

            @Override
            public void onUpdate(Object before, Object after) {
                discovery.refresh();
            }

            @Override
            public void onDelete(Object object, boolean finalStateUnknown) {
                discovery.refresh();
            }
        };
        try {
            discovery.services = client.resources(InferenceServiceResource.class).inNamespace(namespace)
                    .inform(onChange, 0);
            discovery.slices = client.discovery().v1().endpointSlices().inNamespace(namespace)
                    .withLabel(SERVICE_NAME_LABEL).inform(onChange, 0);
        } catch (KubernetesClientException e) {
            discovery.close();
            throw new IllegalStateException(cannotWatch(namespace, e) + unreachable(client, e), e);
        }
        discovery.refresh();
        return discovery;
    }

    /** Not an answer of the API server (it was never reached, say): name where we looked and why it failed. */
    private static String unreachable(KubernetesClient client, KubernetesClientException e) {
        if (e.getCode() == 403 || e.getCode() == 404 || e.getCause() == null) {
            return "";
        }
        // The first I/O failure in the chain says it best (ConnectException, UnknownHostException...).
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof java.io.IOException)) {
            root = root.getCause();
        }
        return " (API server " + client.getMasterUrl() + " not reached: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage())
                + "; outside a pod, the current kubeconfig context names the cluster)";
    }

    static String cannotWatch(String namespace, KubernetesClientException e) {
        String why = switch (e.getCode()) {
            case 403 -> "the gateway's ServiceAccount may not list and watch inferenceservices.sovereign.dev and "
                    + "endpointslices.discovery.k8s.io there (the Helm chart grants it)";
            case 404 -> "the InferenceService CRD (inferenceservices.sovereign.dev) is not installed";
            default -> e.getMessage();
        };
        return "cannot watch the models of namespace " + namespace + ": " + why;
    }

    public String namespace() {
        return namespace;
    }

    /** The models routed to now, by name. */
    public List<DiscoveredModel> models() {
        List<DiscoveredModel> models = current;
        return models == null ? List.of() : models;
    }

    /** Both informers call this; one snapshot at a time, each told only if it differs from the last. */
    private synchronized void refresh() {
        if (services == null || slices == null) {
            return; // still starting: start() takes the first snapshot once both caches are filled
        }
        Map<String, List<EndpointSlice>> slicesByService = slices.getStore().list().stream()
                .filter(s -> s.getMetadata().getLabels() != null && s.getMetadata().getLabels().containsKey(SERVICE_NAME_LABEL))
                .collect(Collectors.groupingBy(s -> s.getMetadata().getLabels().get(SERVICE_NAME_LABEL)));
        List<DiscoveredModel> models = new ArrayList<>();
        Map<String, String> invalid = new LinkedHashMap<>();
        for (InferenceServiceResource resource : services.getStore().list()) {
            if (resource.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            Loaded<InferenceService> loaded = SpecReader.read(resource);
            String name = resource.getMetadata().getName();
            if (!loaded.valid()) {
                invalid.put(name + "@" + resource.getMetadata().getResourceVersion(),
                        loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
                continue;
            }
            models.add(model(loaded.value(), slicesByService.getOrDefault(name, List.of())));
        }
        models.sort(Comparator.comparing(DiscoveredModel::name));
        reportInvalid(invalid);
        if (!models.equals(current)) {
            current = List.copyOf(models);
            LOG.info("namespace {}: {}", namespace, models.isEmpty() ? "no models" : models.stream()
                    .map(m -> m.name() + " (" + m.readyEndpoints().size() + " ready)").collect(Collectors.joining(", ")));
            listener.accept(current);
        }
    }

    /** An invalid InferenceService is left out (the operator reports it in its status); said once per version. */
    private void reportInvalid(Map<String, String> invalid) {
        invalid.forEach((key, problems) -> {
            if (reportedInvalid.add(key)) {
                LOG.warn("InferenceService {}/{} is invalid and not routed: {}", namespace, key.substring(0, key.indexOf('@')),
                        problems);
            }
        });
        reportedInvalid.retainAll(invalid.keySet());
    }

    static DiscoveredModel model(InferenceService service, List<EndpointSlice> slices) {
        InferenceServiceSpec spec = service.spec();
        List<DiscoveredModel.Canary> canaries = spec.gateway() == null ? List.of() : spec.gateway().canaries().stream()
                .map(c -> new DiscoveredModel.Canary(c.adapter(), c.weightPercent())).toList();
        return new DiscoveredModel(service.name(), service.servedModelNames(), ReadyEndpoints.of(slices), canaries, spec.scaling().maxReplicas());
    }

    @Override
    public void close() {
        if (services != null) {
            services.close();
        }
        if (slices != null) {
            slices.close();
        }
    }
}
