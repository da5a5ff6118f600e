package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.scheduler.BlockManager;

/**
 * How the serving engine is sized, with vLLM's meanings.
 *
 * @param maxModelLen       longest sequence (prompt plus output) accepted; 0 means the model's context length
 * @param kvCacheBytes      byte budget of the preallocated KV block pool; 0 means a quarter of the free heap
 * @param maxBatchedTokens  tokens per step, the chunked-prefill budget (vLLM's --max-num-batched-tokens); 0 means
 *                          {@link #defaultMaxBatchedTokens}
 * @param maxWaiting        queue limit; a full queue answers 503
 * @param device            where the model runs ({@code --device}); {@link #defaults} keep the CPU, so a program that
 *                          builds an engine gets the GPU only by asking (the commands default to {@code auto})
 * @param gpuMemoryUtilization under {@code cuda} without a fixed {@code kvCacheBytes}: the share of the device's
 *                          memory weights, workspace and KV pool may fill, as vLLM's {@code --gpu-memory-utilization}
 */
public record EngineSettings(String servedModelName, int maxNumSeqs, int maxModelLen, long kvCacheBytes,
                             boolean prefixCaching, int maxBatchedTokens, int maxWaiting, int threads,
                             EngineDevice device, double gpuMemoryUtilization) {

    /** vLLM's default share of GPU memory. */
    public static final double DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;

    public EngineSettings {
        checkDevice(device, gpuMemoryUtilization);
        if (kvCacheBytes < 0) {
            throw new IllegalArgumentException("--kv-cache-bytes must be positive (or 0 for the default), got " + kvCacheBytes);
        }
    }

    /** The device flags' own limits, which a command checks before it loads the weights. */
    public static void checkDevice(EngineDevice device, double gpuMemoryUtilization) {
        if (device == null) {
            throw new IllegalArgumentException("--device must be one of auto, cpu, cuda");
        }
        if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) {
            throw new IllegalArgumentException("--gpu-memory-utilization must be above 0 and at most 1, got "
                    + gpuMemoryUtilization);
        }
    }

    public static EngineSettings defaults(String servedModelName) {
        return new EngineSettings(servedModelName, 256, 0, 0, true,
                0, 1024, Runtime.getRuntime().availableProcessors(),
                EngineDevice.CPU, DEFAULT_GPU_MEMORY_UTILIZATION);
    }

    /**
     * Step tokens per worker thread by default. A step's time grows with its tokens, and a decode waits for the whole
     * step, so the budget bounds how long a long prompt stalls the running streams: vLLM's GPU defaults (2,048 and
     * more) would stall them for seconds on a CPU. Chosen from {@code DecodeStallBenchmark} (docs/engine-serving.md).
     */
    public static final int DEFAULT_BATCHED_TOKENS_PER_THREAD = 128;

    /** The step budget of {@link #oneSequence}: vLLM's chunked-prefill default. */
    static final int ONE_SEQUENCE_BATCHED_TOKENS = 2048;

    /** The budget a step gets unless set: sized to the threads that run it, and never below one token a sequence. */
    public static int defaultMaxBatchedTokens(int threads, int maxNumSeqs) {
        return Math.max(DEFAULT_BATCHED_TOKENS_PER_THREAD * Math.max(1, threads), maxNumSeqs);
    }

    /** The step token budget in force on the CPU: the one set, or the default. */
    public int stepTokenBudget() {
        return maxBatchedTokens > 0 ? maxBatchedTokens : defaultMaxBatchedTokens(threads, maxNumSeqs);
    }

    /**
     * The step budget on a GPU unless set: vLLM's chunked-prefill default. A GPU step of 2,048 tokens takes
     * milliseconds, so a long prompt no longer stalls the running streams the way it does on a CPU.
     */
    public static final int GPU_BATCHED_TOKENS = 2048;

    /** The step token budget in force on {@code device}. */
    public int stepTokenBudget(DeviceInfo device) {
        return "cuda".equals(device.device()) ? gpuStepTokenBudget() : stepTokenBudget();
    }

    /** The step token budget in force on a GPU: the one set, or {@link #GPU_BATCHED_TOKENS}. */
    public int gpuStepTokenBudget() {
        return maxBatchedTokens > 0 ? maxBatchedTokens : Math.max(GPU_BATCHED_TOKENS, maxNumSeqs);
    }

    /**
     * An engine for one sequence of at most {@code maxModelLen} tokens at a time, its KV pool sized to exactly that:
     * {@code sov generate} and the oracle tests run through the same scheduler and runner as the server this way.
     * Prefix caching is off, since nothing is shared.
     */
    public static EngineSettings oneSequence(ModelConfig config, int maxModelLen, int threads) {
        long kvBytes = (long) BlockManager.blocksFor(maxModelLen) * BlockManager.BLOCK_SIZE * KvBlockPool.bytesPerToken(config);
        // no other stream waits on this one's prompt, so it is prefilled in steps as large as before the CPU default
        return defaults("generate").withMaxNumSeqs(1).withMaxModelLen(maxModelLen).withKvCacheBytes(kvBytes)
                .withPrefixCaching(false).withThreads(threads).withMaxBatchedTokens(ONE_SEQUENCE_BATCHED_TOKENS);
    }

    public EngineSettings withMaxNumSeqs(int n) {
        return new EngineSettings(servedModelName, n, maxModelLen, kvCacheBytes, prefixCaching,
                maxBatchedTokens, maxWaiting, threads, device, gpuMemoryUtilization);
    }

    public EngineSettings withMaxModelLen(int n) {
        return new EngineSettings(servedModelName, maxNumSeqs, n, kvCacheBytes, prefixCaching,
                maxBatchedTokens, maxWaiting, threads, device, gpuMemoryUtilization);
    }

    public EngineSettings withKvCacheBytes(long bytes) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, bytes, prefixCaching,
                maxBatchedTokens, maxWaiting, threads, device, gpuMemoryUtilization);
    }

    public EngineSettings withPrefixCaching(boolean on) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, on,
                maxBatchedTokens, maxWaiting, threads, device, gpuMemoryUtilization);
    }

    public EngineSettings withMaxBatchedTokens(int n) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching,
                n, maxWaiting, threads, device, gpuMemoryUtilization);
    }

    public EngineSettings withMaxWaiting(int n) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching,
                maxBatchedTokens, n, threads, device, gpuMemoryUtilization);
    }

    public EngineSettings withThreads(int n) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching,
                maxBatchedTokens, maxWaiting, n, device, gpuMemoryUtilization);
    }

    public EngineSettings withDevice(EngineDevice d) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching,
                maxBatchedTokens, maxWaiting, threads, d, gpuMemoryUtilization);
    }

    public EngineSettings withGpuMemoryUtilization(double share) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching,
                maxBatchedTokens, maxWaiting, threads, device, share);
    }
}
