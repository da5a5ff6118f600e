package dev.sovereign.spec.inference;

/**
 * The vLLM flags the platform sets itself from the spec. Passing one in {@code engineArgs}
 * would silently fight the platform, so it is refused with the field to use instead.
 */
public enum ManagedEngineFlag {
    MODEL("--model", "spec.model.repository"),
    SERVED_MODEL_NAME("--served-model-name", "metadata.name"),
    MAX_MODEL_LEN("--max-model-len", "spec.model.contextWindow"),
    MAX_NUM_SEQS("--max-num-seqs", "spec.model.maxNumSeqs"),
    GPU_MEMORY_UTILIZATION("--gpu-memory-utilization", null, "the platform sets 0.92 for every model"),
    QUANTIZATION("--quantization", "spec.model.quantization"),
    ENABLE_PREFIX_CACHING("--enable-prefix-caching", "spec.cache.prefixCache.enabled"),
    CPU_OFFLOAD_GB("--cpu-offload-gb", null,
            "it offloads weights, not the KV cache; spec.cache.kvOffload offloads the KV cache"),
    KV_OFFLOADING_BACKEND("--kv-offloading-backend", "spec.cache.kvOffload"),
    KV_OFFLOADING_SIZE("--kv-offloading-size", "spec.cache.kvOffload.sizeGB"),
    TENSOR_PARALLEL_SIZE("--tensor-parallel-size", "spec.gpu.count"),
    ENABLE_AUTO_TOOL_CHOICE("--enable-auto-tool-choice", "spec.model.toolCallParser"),
    TOOL_CALL_PARSER("--tool-call-parser", "spec.model.toolCallParser"),
    ENABLE_LORA("--enable-lora", "spec.loraAdapters"),
    MAX_LORAS("--max-loras", "spec.loraAdapters"),
    MAX_LORA_RANK("--max-lora-rank", "spec.loraAdapters"),
    LORA_MODULES("--lora-modules", "spec.loraAdapters"),
    PORT("--port", null, "every engine listens on port 8000, where probes and routes expect it"),
    HOST("--host", null, "the platform binds the engine where its Service reaches it"),
    LOAD_FORMAT("--load-format", "spec.model.streaming"),
    MODEL_LOADER_EXTRA_CONFIG("--model-loader-extra-config", "spec.model.streaming.concurrency");

    private final String flag;
    private final String useInstead;
    private final String reason;

    ManagedEngineFlag(String flag, String useInstead) {
        this(flag, useInstead, null);
    }

    /** A flag with no spec field: {@code reason} says what the platform does instead. */
    ManagedEngineFlag(String flag, String useInstead, String reason) {
        this.flag = flag;
        this.useInstead = useInstead;
        this.reason = reason;
    }

    public String flag() {
        return flag;
    }

    public boolean matches(String arg) {
        return arg.equals(flag) || arg.startsWith(flag + "=");
    }

    public String message() {
        return flag + " is managed by the platform: " + (useInstead != null ? "use " + useInstead + " instead" : reason);
    }
}
