package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import java.util.Map;

/**
 * The Flux HelmRelease of the {@code inferencepool} chart: an InferencePool over the model's
 * serving pods and its Endpoint Picker. The chart's picker Deployment does not meet the
 * restricted Pod Security Standard, so a post-renderer patches its security context.
 */
final class EndpointPickerRenderer {

    static final String CHART_REPOSITORY = "inferencepool";
    static final String EPP_TAG = "v1.5.0";
    /** The path of the picker's image under the chart's default registry, kept under a mirror. */
    static final String EPP_REPOSITORY = "gateway-api-inference-extension";
    /** The distroless image's nonroot user. */
    static final int EPP_UID = 65532;

    private final RenderOptions options;

    EndpointPickerRenderer(RenderOptions options) {
        this.options = options;
    }

    Map<String, Object> helmRelease(InferenceService service) {
        String name = service.name();
        String picker = EndpointPicker.name(service);
        Map<String, Object> servingPods = map(
                "app.kubernetes.io/name", name,
                // Without the component the pool would also hold the preload Job's pods.
                "app.kubernetes.io/component", Names.INFERENCE);
        Map<String, Object> values = map(
                "inferencePool", map(
                        "targetPorts", list(map("number", Names.ENGINE_PORT)),
                        "modelServerType", "vllm",
                        "modelServers", map("matchLabels", servingPods)),
                "inferenceExtension", map(
                        "image", image(),
                        "monitoring", map("prometheus", map("auth", map("enabled", false)))));
        return map("apiVersion", "helm.toolkit.fluxcd.io/v2", "kind", "HelmRelease",
                "metadata", Names.metadata(service, picker, EndpointPicker.COMPONENT, "epp-helmrelease"),
                "spec", map(
                        "releaseName", name,
                        "interval", "30m",
                        "chartRef", map("kind", "OCIRepository", "name", CHART_REPOSITORY),
                        "values", values,
                        "postRenderers", list(map("kustomize", map("patches", list(map(
                                "target", map("kind", "Deployment", "name", picker),
                                "patch", restrictedPatch(picker))))))));
    }

    /**
     * The chart's default hub (the Kubernetes project's registry) unless the cluster pulls through a mirror: then the
     * hub is the mirror with the same repository path, as every other image is pulled (ClusterProfile#image).
     */
    private Map<String, Object> image() {
        String mirrored = options.pulled(EPP_REPOSITORY);
        return mirrored.equals(EPP_REPOSITORY)
                ? map("name", "epp", "tag", EPP_TAG)
                : map("hub", mirrored, "name", "epp", "tag", EPP_TAG);
    }

    private static String restrictedPatch(String deployment) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  template:
                    spec:
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: %d
                        runAsGroup: %d
                        seccompProfile:
                          type: RuntimeDefault
                      containers:
                        - name: epp
                          securityContext:
                            allowPrivilegeEscalation: false
                            readOnlyRootFilesystem: true
                            runAsNonRoot: true
                            capabilities:
                              drop: [ALL]
                """.formatted(deployment, EPP_UID, EPP_UID);
    }
}
