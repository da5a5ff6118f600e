package dev.sovereign.k8s.render;

import dev.sovereign.k8s.cluster.ClusterProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of pods allowed to talk to the engine, independent of the policy API that expresses it.
 *
 * @param namespace the pods' namespace, or null for the model's own namespace
 * @param podLabels labels the pods carry
 */
record Peer(String namespace, Map<String, Object> podLabels) {

    /**
     * Who may call a model by default: the routers and gateways in front of it, the eval job
     * (the reference's Promptfoo and {@code sov eval}'s CronJob) and the chat UI, each in the
     * namespace the cluster profile puts it.
     */
    static List<Peer> defaultCallers(RenderOptions options) {
        ClusterProfile.Namespaces namespaces = options.cluster().namespaces();
        return List.of(
                new Peer(orOwn(namespaces.router()), Map.of("app.kubernetes.io/name", "vllm-semantic-router")),
                new Peer(orOwn(namespaces.eval()), Map.of("app.kubernetes.io/name", "promptfoo")),
                new Peer(orOwn(namespaces.eval()), new TreeMap<>(Map.of(
                        "app.kubernetes.io/component", "eval", "app.kubernetes.io/part-of", "ai"))),
                new Peer("apps", Map.of("app.kubernetes.io/name", "xplane-openwebui")),
                envoyDataPlane(),
                new Peer(orOwn(namespaces.gateway()), Map.of("app.kubernetes.io/name", "sovereign-gateway")));
    }

    /** The Envoy AI Gateway data plane. */
    static Peer envoyDataPlane() {
        return new Peer("envoy-gateway-system", new TreeMap<>(Map.of(
                "gateway.envoyproxy.io/owning-gateway-name", "ai-gateway",
                "gateway.envoyproxy.io/owning-gateway-namespace", "envoy-ai-gateway-system")));
    }

    /** The metrics scraper, none when the cluster profile says nothing scrapes the engines. */
    static List<Peer> scraper(RenderOptions options) {
        ClusterProfile.Scraper scraper = options.cluster().scraper();
        List<Peer> out = new ArrayList<>();
        if (scraper.present()) {
            out.add(new Peer(scraper.namespace(), new TreeMap<>(scraper.podLabels())));
        }
        return out;
    }

    private static String orOwn(String namespace) {
        return namespace.isEmpty() ? null : namespace;
    }
}
