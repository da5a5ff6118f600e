package dev.sovereign.spec.inference;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed {@code spec} of an InferenceService. Field names, defaults and ranges are those of
 * {@link InferenceServiceSchema}; numbers the file leaves out carry their defaults, and a
 * zero the file gives stays zero.
 */
public record InferenceServiceSpec(
        Model model,
        Gpu gpu,
        Routing routing,
        Scaling scaling,
        Cache cache,
        List<LoraAdapter> loraAdapters,
        List<String> engineArgs,
        Gateway gateway,
        Route route,
        WeightsFileSystem weightsFileSystem,
        Map<String, Object> resources,
        HealthProbes healthProbes,
        Map<String, Object> securityContext,
        List<ExternalSecret> externalSecrets,
        List<String> envFromSecrets,
        NetworkPolicies networkPolicies,
        Observability observability,
        Engine engine) {

    public InferenceServiceSpec {
        loraAdapters = loraAdapters == null ? List.of() : List.copyOf(loraAdapters);
        engineArgs = engineArgs == null ? List.of() : List.copyOf(engineArgs);
        externalSecrets = externalSecrets == null ? List.of() : List.copyOf(externalSecrets);
        envFromSecrets = envFromSecrets == null ? List.of() : List.copyOf(envFromSecrets);
    }

    /** The engine the file asks for, if it names one (absent: vLLM on Kubernetes, embedded locally). */
    public Optional<Engine> declaredEngine() {
        return Optional.ofNullable(engine);
    }

    public record Model(String repository, String revision, String quantization, int contextWindow, int maxNumSeqs,
                        String toolCallParser, Preload preload, Streaming streaming) {
    }

    public record Preload(boolean enabled) {
    }

    public record Streaming(boolean enabled, Integer concurrency) {
    }

    public record Gpu(int count, String minVRAM) {
    }

    public record Routing(String tier, String specialty) {
    }

    public record Scaling(int minReplicas, int maxReplicas, int cooldownSeconds, int pollingIntervalSeconds,
                          String runningRatioThreshold, String cacheUtilizationThreshold, int queueLengthThreshold) {
    }

    /** @param kvCacheMemory a byte quantity ({@link ByteQuantity}), or null for the platform's share of the heap */
    public record Cache(KvOffload kvOffload, PrefixCache prefixCache, String kvCacheMemory) {

        /** The declared KV-cache memory in bytes, if any. */
        public java.util.OptionalLong kvCacheBytes() {
            return kvCacheMemory == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(ByteQuantity.parse(kvCacheMemory));
        }
    }

    public record KvOffload(boolean enabled, int sizeGB) {
    }

    public record PrefixCache(boolean enabled) {
    }

    public record LoraAdapter(String name, String repository, String revision) {
    }

    public record Gateway(boolean enabled, List<Canary> canaries, EndpointPicker endpointPicker) {
        public Gateway {
            canaries = canaries == null ? List.of() : List.copyOf(canaries);
        }
    }

    public record Canary(String adapter, int weightPercent) {
    }

    public record EndpointPicker(boolean enabled) {
    }

    public record Route(boolean enabled, String hostname) {
    }

    public record WeightsFileSystem(String subPath) {
    }

    public record HealthProbes(Probe liveness, Probe readiness) {
    }

    public record Probe(int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int failureThreshold) {
    }

    public record ExternalSecret(String name, String remoteRef, String refreshInterval) {
    }

    public record NetworkPolicies(List<Map<String, Object>> ingress, List<Map<String, Object>> egress) {
    }

    public record Observability(Metrics metrics, AlertingRules alertingRules) {
    }

    public record Metrics(String interval) {
    }

    public record AlertingRules(List<Map<String, Object>> groups) {
    }

    /**
     * Sovereign's own field: which engine serves the model.
     *
     * @param device where the embedded engine runs (auto, cpu, cuda); null when the file leaves it out
     */
    public record Engine(String kind, String url, List<String> command, String device) {
        public Engine {
            command = command == null ? List.of() : List.copyOf(command);
        }
    }

    /** The device the embedded engine is asked for: {@code spec.engine.device}, else {@code cpu} (ADR 0152: not yet auto). */
    public String engineDevice() {
        return engine == null || engine.device() == null ? "cpu" : engine.device();
    }
}
