package dev.sovereign.k8s.render;

import java.util.Map;

/**
 * A set of pods allowed to talk to the engine, independent of the policy API that expresses it.
 *
 * @param namespace the pods' namespace, or null for the model's own namespace
 * @param podLabels labels the pods carry
 */
record Peer(String namespace, Map<String, Object> podLabels) {

    /** Who may call a model by default: the routers and gateways in front of it, the eval job and the chat UI. */
    static java.util.List<Peer> defaultCallers(RenderOptions options) {
        return java.util.List.of(
                new Peer(null, Map.of("app.kubernetes.io/name", "vllm-semantic-router")),
                new Peer(null, Map.of("app.kubernetes.io/name", "promptfoo")),
                new Peer("apps", Map.of("app.kubernetes.io/name", "xplane-openwebui")),
                envoyDataPlane(),
                new Peer(options.sovereignNamespace(), Map.of("app.kubernetes.io/name", "sovereign-gateway")));
    }

    /** The Envoy AI Gateway data plane. */
    static Peer envoyDataPlane() {
        return new Peer("envoy-gateway-system", new java.util.TreeMap<>(Map.of(
                "gateway.envoyproxy.io/owning-gateway-name", "ai-gateway",
                "gateway.envoyproxy.io/owning-gateway-namespace", "envoy-ai-gateway-system")));
    }

    /** The metrics scraper. */
    static Peer scraper() {
        return new Peer("observability", Map.of("app.kubernetes.io/name", "vmagent"));
    }
}
