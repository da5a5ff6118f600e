package dev.sovereign.engine.gpu;

/**
 * How much device memory the paged KV cache takes. Without {@code fixedBytes} the pool gets what is left of
 * {@code memoryUtilization} of the device's total memory once the weights and the runner's workspace are allocated
 * (vLLM's {@code gpu_memory_utilization}); with it, exactly that many bytes.
 *
 * @param memoryUtilization share of the device's total memory the engine may use, in (0, 1]
 * @param fixedBytes when positive, the KV cache's size in bytes regardless of free memory
 * @param stepTokens tokens the runner's activation buffers hold at once; a larger step runs in several passes
 */
public record GpuKvSizing(double memoryUtilization, long fixedBytes, int stepTokens) {

    /** vLLM's default share of the device. */
    public static final double DEFAULT_UTILIZATION = 0.9;
    /** Enough for a 2k-token prefill chunk and a full decode batch in one pass. */
    public static final int DEFAULT_STEP_TOKENS = 4096;

    public GpuKvSizing {
        if (!(memoryUtilization > 0 && memoryUtilization <= 1)) {
            throw new IllegalArgumentException("--gpu-memory-utilization must be in (0, 1], got " + memoryUtilization);
        }
        if (fixedBytes < 0) {
            throw new IllegalArgumentException("the KV cache bytes must not be negative, got " + fixedBytes);
        }
        if (stepTokens < 1) {
            throw new IllegalArgumentException("the step's token budget must be positive, got " + stepTokens);
        }
    }

    public GpuKvSizing(double memoryUtilization, long fixedBytes) {
        this(memoryUtilization, fixedBytes, DEFAULT_STEP_TOKENS);
    }

    /** The KV bytes to allocate, given the device's total and its free memory after weights and workspace. */
    long kvBudget(long totalMemory, long freeMemory) {
        if (fixedBytes > 0) {
            return fixedBytes;
        }
        long used = totalMemory - freeMemory;
        return (long) (totalMemory * memoryUtilization) - used;
    }
}
