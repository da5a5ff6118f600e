package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec.NetworkPolicies;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CiliumNetworkPolicies, as the reference renders them: the same peers as the standard
 * variant, plus what only Cilium can say (DNS-aware egress, FQDN allow-lists, the node's
 * {@code host} entity for the pod identity agent).
 */
final class CiliumPolicyRenderer {

    static final String NAMESPACE_LABEL = "k8s:io.kubernetes.pod.namespace";

    private final RenderOptions options;

    CiliumPolicyRenderer(RenderOptions options) {
        this.options = options;
    }

    Map<String, Object> serving(InferenceService service) {
        NetworkPolicies custom = service.spec().networkPolicies();
        List<Object> ingress = ServingRules.ingress(service, options, peers -> map(
                "fromEndpoints", peers.stream().map(CiliumPolicyRenderer::endpoint).toList(),
                "toPorts", ports(Names.ENGINE_PORT)));
        List<Object> egress = ServingRules.egress(custom, () -> list(dns()));
        return policy(service, service.name(), Names.INFERENCE, "cnp", ingress, egress);
    }

    Map<String, Object> preload(InferenceService service) {
        List<Object> egress = list(dns(),
                map("toFQDNs", list(
                        map("matchPattern", "*.s3.eu-west-3.amazonaws.com"),
                        map("matchName", "s3.eu-west-3.amazonaws.com"),
                        map("matchPattern", "*.secretsmanager.eu-west-3.amazonaws.com")),
                        "toPorts", ports(443)),
                map("toEntities", list("world"), "toPorts", ports(443)),
                map("toEntities", list("host"), "toPorts", ports(80)));
        return policy(service, service.name() + "-preload", Names.PRELOAD, "preload-cnp", null, egress);
    }

    /** Envoy calls the picker, the scraper reads it; it reads the engines, watches its pool and resolves names. */
    Map<String, Object> endpointPicker(InferenceService service) {
        List<Object> ingress = list(
                map("fromEndpoints", list(endpoint(Peer.envoyDataPlane())), "toPorts", ports(EndpointPicker.EXT_PROC_PORT)),
                map("fromEndpoints", Peer.scraper(options).stream().map(CiliumPolicyRenderer::endpoint).toList(),
                        "toPorts", ports(EndpointPicker.METRICS_PORT)));
        List<Object> egress = list(
                map("toEndpoints", list(map("matchLabels", Names.labels(service, Names.INFERENCE))),
                        "toPorts", ports(Names.ENGINE_PORT)),
                map("toEntities", list("kube-apiserver")),
                dns());
        return policy(service, EndpointPicker.name(service), EndpointPicker.COMPONENT, "epp-cnp",
                EndpointPicker.podLabels(service), ingress, egress);
    }

    private static Map<String, Object> policy(InferenceService service, String name, String component, String suffix,
                                              List<Object> ingress, List<Object> egress) {
        return policy(service, name, component, suffix, Names.labels(service, component), ingress, egress);
    }

    private static Map<String, Object> policy(InferenceService service, String name, String component, String suffix,
                                              Map<String, Object> selector, List<Object> ingress, List<Object> egress) {
        return map("apiVersion", "cilium.io/v2", "kind", "CiliumNetworkPolicy",
                "metadata", Names.metadata(service, name, component, suffix),
                "spec", map(
                        "endpointSelector", map("matchLabels", selector),
                        "ingress", ingress,
                        "egress", egress));
    }

    private static Map<String, Object> endpoint(Peer peer) {
        Map<String, Object> labels = new TreeMap<>(peer.podLabels());
        if (peer.namespace() != null) {
            labels.put(NAMESPACE_LABEL, peer.namespace());
        }
        return map("matchLabels", labels);
    }

    private static Map<String, Object> dns() {
        return map("toEndpoints", list(map("matchLabels", map(NAMESPACE_LABEL, "kube-system", "k8s-app", "kube-dns"))),
                "toPorts", list(map(
                        "ports", list(map("port", "53", "protocol", "UDP"), map("port", "53", "protocol", "TCP")),
                        "rules", map("dns", list(map("matchPattern", "*"))))));
    }

    private static List<Object> ports(int port) {
        return list(map("ports", list(map("port", String.valueOf(port), "protocol", "TCP"))));
    }
}
