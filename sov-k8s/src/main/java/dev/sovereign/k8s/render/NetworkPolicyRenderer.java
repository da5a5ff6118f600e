package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec.NetworkPolicies;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Standard {@code networking.k8s.io/v1} NetworkPolicies, which every CNI that enforces
 * policies understands. The serving policy admits the default callers (or the spec's own
 * ingress rules) plus the scraper, and lets the engine reach DNS only. The preload policy
 * lets the job reach HTTPS (the model hub and object storage); standard policies cannot name
 * hosts, so this is wider than the Cilium variant's FQDN rules.
 */
final class NetworkPolicyRenderer {

    private final RenderOptions options;

    NetworkPolicyRenderer(RenderOptions options) {
        this.options = options;
    }

    Map<String, Object> serving(InferenceService service) {
        NetworkPolicies custom = service.spec().networkPolicies();
        List<Object> ingress = ServingRules.ingress(service, options, peers -> map(
                "from", peers.stream().map(NetworkPolicyRenderer::peer).toList(),
                "ports", list(tcp(Names.ENGINE_PORT))));
        List<Object> egress = ServingRules.egress(custom, NetworkPolicyRenderer::dnsOnly);
        return policy(service, service.name(), Names.INFERENCE, "netpol", ingress, egress);
    }

    Map<String, Object> preload(InferenceService service) {
        List<Object> egress = dnsOnly();
        egress.add(map("to", list(map("ipBlock", map("cidr", "0.0.0.0/0"))), "ports", list(tcp(443), tcp(80))));
        return policy(service, service.name() + "-preload", Names.PRELOAD, "preload-netpol", List.of(), egress);
    }

    /**
     * The Endpoint Picker's policy. A standard policy cannot name the API server, so the
     * picker's watch of its pool is allowed to any address on the API server's usual ports.
     */
    Map<String, Object> endpointPicker(InferenceService service) {
        List<Object> ingress = list(
                map("from", list(peer(Peer.envoyDataPlane())), "ports", list(tcp(EndpointPicker.EXT_PROC_PORT))),
                map("from", Peer.scraper(options).stream().map(NetworkPolicyRenderer::peer).toList(),
                        "ports", list(tcp(EndpointPicker.METRICS_PORT))));
        List<Object> egress = list(
                map("to", list(map("podSelector", map("matchLabels", Names.labels(service, Names.INFERENCE)))),
                        "ports", list(tcp(Names.ENGINE_PORT))),
                map("to", list(map("ipBlock", map("cidr", "0.0.0.0/0"))), "ports", list(tcp(443), tcp(6443))));
        egress.addAll(dnsOnly());
        return policy(service, EndpointPicker.name(service), EndpointPicker.COMPONENT, "epp-netpol",
                EndpointPicker.podLabels(service), ingress, egress);
    }

    private Map<String, Object> policy(InferenceService service, String name, String component, String suffix,
                                       List<Object> ingress, List<Object> egress) {
        return policy(service, name, component, suffix, Names.labels(service, component), ingress, egress);
    }

    private Map<String, Object> policy(InferenceService service, String name, String component, String suffix,
                                       Map<String, Object> selector, List<Object> ingress, List<Object> egress) {
        return map("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
                "metadata", Names.metadata(service, name, component, suffix),
                "spec", map(
                        "podSelector", map("matchLabels", selector),
                        "policyTypes", list("Ingress", "Egress"),
                        "ingress", ingress,
                        "egress", egress));
    }

    private static Map<String, Object> peer(Peer peer) {
        Map<String, Object> out = map("podSelector", map("matchLabels", new TreeMap<>(peer.podLabels())));
        if (peer.namespace() != null) {
            out.put("namespaceSelector", map("matchLabels", map("kubernetes.io/metadata.name", peer.namespace())));
        }
        return out;
    }

    private static List<Object> dnsOnly() {
        return list(map(
                "to", list(map(
                        "namespaceSelector", map("matchLabels", map("kubernetes.io/metadata.name", "kube-system")),
                        "podSelector", map("matchLabels", map("k8s-app", "kube-dns")))),
                "ports", list(map("port", 53, "protocol", "UDP"), map("port", 53, "protocol", "TCP"))));
    }

    private static Map<String, Object> tcp(int port) {
        return map("port", port, "protocol", "TCP");
    }
}
