package dev.sovereign.k8s.render;

import dev.sovereign.k8s.cluster.ClusterProfile;

/**
 * Cluster choices that are not part of an InferenceService: which policy, monitoring and
 * gateway APIs the cluster runs, and the {@link ClusterProfile} (GPU scheduling, where the
 * callers and the scraper live, the model cache, the image registry). They belong to the
 * platform install (the operator's flags, the Helm values), not to each model's file.
 * The defaults are a plain cluster's; the reference platform's profile is
 * {@code examples/cluster/reference.yaml}.
 *
 * @param networkPolicies   {@code standard} (networking.k8s.io NetworkPolicy) or {@code cilium}
 * @param monitoring        {@code prometheus-operator} (ServiceMonitor + PrometheusRule) or {@code victoriametrics}
 * @param aiGateway         {@code sovereign} (our gateway discovers models; nothing rendered) or {@code envoy}
 *                          (Envoy AI Gateway Backend, AIServiceBackend and AIGatewayRoute when gateway.enabled)
 * @param vllmImage         image of the GPU engine
 * @param sovImage          image of {@code sov}, which runs the embedded engine on CPU nodes
 * @param preloadImage      image of the preload job (needs python and pip)
 * @param privateDomain     appended to {@code route.hostname} and used in the model endpoint
 * @param parentGateway     name of the Gateway API Gateway per-model HTTPRoutes attach to
 * @param parentGatewayNamespace its namespace
 * @param secretStore       ClusterSecretStore of ExternalSecrets
 * @param cluster           what the cluster looks like (images are pulled through its registry)
 */
public record RenderOptions(
        String networkPolicies,
        String monitoring,
        String aiGateway,
        String vllmImage,
        String sovImage,
        String preloadImage,
        String privateDomain,
        String parentGateway,
        String parentGatewayNamespace,
        String secretStore,
        ClusterProfile cluster) {

    public static final String STANDARD = "standard";
    public static final String CILIUM = "cilium";
    public static final String PROMETHEUS_OPERATOR = "prometheus-operator";
    public static final String VICTORIAMETRICS = "victoriametrics";
    public static final String SOVEREIGN = "sovereign";
    public static final String ENVOY = "envoy";

    public RenderOptions {
        oneOf("network policies", networkPolicies, STANDARD, CILIUM);
        oneOf("monitoring", monitoring, PROMETHEUS_OPERATOR, VICTORIAMETRICS);
        oneOf("AI gateway", aiGateway, SOVEREIGN, ENVOY);
    }

    public static RenderOptions defaults() {
        return new RenderOptions(STANDARD, PROMETHEUS_OPERATOR, SOVEREIGN,
                "vllm/vllm-openai:v0.25.0", "sovereign/sov:0.1.0", "python:3.12-slim",
                "priv.cloud.ogenki.io", "platform-tailscale-general", "infrastructure",
                "clustersecretstore", ClusterProfile.plain());
    }

    public RenderOptions withNetworkPolicies(String value) {
        return new RenderOptions(value, monitoring, aiGateway, vllmImage, sovImage, preloadImage,
                privateDomain, parentGateway, parentGatewayNamespace, secretStore, cluster);
    }

    public RenderOptions withMonitoring(String value) {
        return new RenderOptions(networkPolicies, value, aiGateway, vllmImage, sovImage, preloadImage,
                privateDomain, parentGateway, parentGatewayNamespace, secretStore, cluster);
    }

    public RenderOptions withAiGateway(String value) {
        return new RenderOptions(networkPolicies, monitoring, value, vllmImage, sovImage, preloadImage,
                privateDomain, parentGateway, parentGatewayNamespace, secretStore, cluster);
    }

    public RenderOptions withCluster(ClusterProfile value) {
        return new RenderOptions(networkPolicies, monitoring, aiGateway, vllmImage, sovImage, preloadImage,
                privateDomain, parentGateway, parentGatewayNamespace, secretStore, value);
    }

    /** An image as this cluster pulls it (through the profile's registry, when it names one). */
    String pulled(String image) {
        return cluster.image(image);
    }

    public RenderOptions withImages(String vllm, String sov) {
        return new RenderOptions(networkPolicies, monitoring, aiGateway, vllm, sov, preloadImage,
                privateDomain, parentGateway, parentGatewayNamespace, secretStore, cluster);
    }

    private static void oneOf(String what, String value, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return;
            }
        }
        throw new IllegalArgumentException(what + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
    }
}
