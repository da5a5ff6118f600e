package dev.sovereign.k8s.cluster;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Kubernetes cluster looks like to Sovereign: where GPU pods may run, where the
 * services that call or scrape a model live, where weights are cached and where images come
 * from. It is the cluster's, not a model's: {@code sov render --cluster FILE}, the operator's
 * {@code --cluster FILE} and the chart's {@code cluster:} values all read the same file.
 *
 * <p>{@link #plain()} is a cluster with nothing but the NVIDIA device plugin: no Karpenter,
 * no runtime class, Prometheus from the Prometheus operator. The reference platform's
 * settings are a file ({@code examples/cluster/reference.yaml}), not a default.
 *
 * @param gpu           scheduling of GPU pods
 * @param namespaces    where the callers of a model run
 * @param scraper       who scrapes the engines and where KEDA reads the metrics
 * @param modelCache    the shared volume holding the weights
 * @param imageRegistry registry (with an optional path) put before every image, or "" for the images' own
 */
public record ClusterProfile(
        GpuScheduling gpu,
        Namespaces namespaces,
        Scraper scraper,
        ModelCache modelCache,
        String imageRegistry) {

    public static final String VMAGENT = "vmagent";
    public static final String PROMETHEUS_OPERATOR = "prometheus-operator";
    public static final String NONE = "none";

    /**
     * @param nodeSelector     labels a GPU node carries (empty: any node with the GPU resource)
     * @param tolerations      tolerations of GPU pods, as Kubernetes writes them
     * @param runtimeClassName runtime class of GPU pods, or null for the node's default runtime
     */
    public record GpuScheduling(Map<String, String> nodeSelector, List<Map<String, Object>> tolerations,
                                String runtimeClassName) {
        public GpuScheduling {
            nodeSelector = Map.copyOf(nodeSelector);
            tolerations = List.copyOf(tolerations);
        }
    }

    /**
     * Namespaces of the services in front of the models; "" means the model's own namespace.
     *
     * @param gateway Sovereign's gateway (the chart's release namespace)
     * @param router  the semantic router
     * @param eval    the evaluation CronJob
     */
    public record Namespaces(String gateway, String router, String eval) {
    }

    /**
     * @param kind      {@code vmagent}, {@code prometheus-operator} or {@code none} (nothing scrapes the engines)
     * @param namespace where the scraper runs
     * @param queryUrl  Prometheus-compatible query endpoint KEDA reads the engines' metrics from
     */
    public record Scraper(String kind, String namespace, String queryUrl) {

        /** Labels of the scraper's pods, as its operator sets them; empty for {@code none}. */
        public Map<String, String> podLabels() {
            return switch (kind) {
                case VMAGENT -> Map.of("app.kubernetes.io/name", "vmagent");
                case PROMETHEUS_OPERATOR -> Map.of("app.kubernetes.io/name", "prometheus");
                default -> Map.of();
            };
        }

        public boolean present() {
            return !NONE.equals(kind);
        }
    }

    /**
     * @param claimName    the PersistentVolumeClaim every model pod mounts
     * @param storageClass its storage class, or null for the cluster's default
     * @param size         its requested size
     */
    public record ModelCache(String claimName, String storageClass, String size) {
    }

    /** A cluster with only the NVIDIA device plugin: GPU pods are placed by their GPU request alone. */
    public static ClusterProfile plain() {
        return new ClusterProfile(
                new GpuScheduling(Map.of(), List.of(gpuToleration()), null),
                new Namespaces("sovereign", "", "sovereign"),
                new Scraper(PROMETHEUS_OPERATOR, "monitoring", "http://prometheus-operated.monitoring.svc:9090"),
                new ModelCache("llm-models", null, "100Gi"),
                "");
    }

    /** Reads a profile file; fields left out keep {@link #plain()}'s values. */
    public static ClusterProfile load(Path file) {
        return ClusterProfileReader.read(file);
    }

    /** Parses a profile from YAML text; {@code source} names it in error messages. */
    public static ClusterProfile parse(String yaml, String source) {
        return ClusterProfileReader.parse(yaml, source);
    }

    /** The image as this cluster pulls it: behind {@link #imageRegistry()} when one is set. */
    public String image(String reference) {
        if (imageRegistry.isEmpty()) {
            return reference;
        }
        return imageRegistry.replaceAll("/+$", "") + "/" + reference;
    }

    /** The toleration of the taint the NVIDIA device plugin's docs and most GPU node pools put on GPU nodes. */
    public static Map<String, Object> gpuToleration() {
        Map<String, Object> toleration = new LinkedHashMap<>();
        toleration.put("key", "nvidia.com/gpu");
        toleration.put("operator", "Exists");
        toleration.put("effect", "NoSchedule");
        return Collections.unmodifiableMap(toleration);
    }
}
