package dev.sovereign.engine.runner;

import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.scheduler.BlockManager;

/** The CPU engine: the Java kernels and a KV pool on the heap, sized by {@code --kv-cache-bytes} or the free heap. */
final class CpuPlacement {

    private CpuPlacement() {
    }

    static PlacedRunner place(LoadedModel model, EngineSettings settings, int maxModelLen) {
        ModelConfig config = model.config();
        long budget = settings.kvCacheBytes() > 0 ? settings.kvCacheBytes() : defaultBudget(config, maxModelLen);
        int numBlocks = KvBlockPool.blocksForBudget(config, budget);
        if (numBlocks < BlockManager.blocksFor(maxModelLen)) {
            throw new IllegalArgumentException("--kv-cache-bytes " + budget + " holds " + numBlocks * BlockManager.BLOCK_SIZE
                    + " tokens, fewer than one sequence of --max-model-len " + maxModelLen + " needs ("
                    + KvBlockPool.bytesPerToken(config) + " bytes per token)");
        }
        VectorKernels kernels = new VectorKernels(settings.threads());
        ModelRunner runner = new BatchedModelRunner(model.transformer(kernels), new KvBlockPool(config, numBlocks));
        return new PlacedRunner(runner, numBlocks, KvBlockPool.bytesPerToken(config), model.weightBytesPerToken(),
                KvBlockPool.CACHE_DTYPE, DeviceInfo.cpu(settings.threads()), kernels::close);
    }

    private static long defaultBudget(ModelConfig config, int maxModelLen) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long perSequence = KvBlockPool.bytesPerToken(config) * maxModelLen;
        return Math.max(free / 4, perSequence + (long) BlockManager.BLOCK_SIZE * KvBlockPool.bytesPerToken(config));
    }
}
