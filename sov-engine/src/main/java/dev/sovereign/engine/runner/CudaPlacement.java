package dev.sovereign.engine.runner;

import dev.sovereign.engine.cuda.Cuda;
import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaException;
import dev.sovereign.engine.gpu.GpuKvSizing;
import dev.sovereign.engine.gpu.GpuModelRunner;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.scheduler.BlockManager;

/**
 * The GPU engine: the first CUDA device, the weights uploaded once, and the KV pool in device memory sized from what
 * the weights leave ({@code --gpu-memory-utilization}) or fixed by {@code --kv-cache-bytes} (ADR 0152).
 */
final class CudaPlacement {

    private CudaPlacement() {
    }

    static PlacedRunner place(LoadedModel model, EngineSettings settings, int maxModelLen, int stepTokens) {
        CudaDevice device = open();
        try {
            GpuModelRunner runner = GpuModelRunner.create(model, device,
                    new GpuKvSizing(settings.gpuMemoryUtilization(), settings.kvCacheBytes(), stepTokens));
            try {
                int numBlocks = runner.numBlocks();
                if (numBlocks < BlockManager.blocksFor(maxModelLen)) {
                    throw new IllegalArgumentException(tooSmall(settings, runner, maxModelLen, device));
                }
                long perToken = GpuModelRunner.bytesPerToken(model.config());
                return new PlacedRunner(runner, numBlocks, perToken, runner.weightBytes(), KvBlockPool.CACHE_DTYPE,
                        new DeviceInfo("cuda", device.name()), () -> {
                            runner.close();
                            device.close();
                        });
            } catch (RuntimeException e) {
                runner.close();
                throw e;
            }
        } catch (RuntimeException e) {
            device.close();
            throw e;
        }
    }

    /** Device 0, or one error a user can act on: no driver, no device, or a failed initialisation. */
    private static CudaDevice open() {
        try {
            return Cuda.open(0);
        } catch (CudaException e) {
            throw new IllegalStateException("--device cuda: " + e.getMessage() + " (--device cpu runs on the CPU, "
                    + "--device auto picks the GPU only when one answers)", e);
        }
    }

    private static String tooSmall(EngineSettings settings, GpuModelRunner runner, int maxModelLen, CudaDevice device) {
        String sizedBy = settings.kvCacheBytes() > 0 ? "--kv-cache-bytes " + settings.kvCacheBytes()
                : "--gpu-memory-utilization " + settings.gpuMemoryUtilization() + " of " + device.name() + "'s "
                + (device.totalMemory() >> 20) + " MiB, after " + (runner.weightBytes() >> 20) + " MiB of weights,";
        return sizedBy + " leaves a KV cache of " + runner.numBlocks() * BlockManager.BLOCK_SIZE
                + " tokens, fewer than one sequence of --max-model-len " + maxModelLen + " needs";
    }
}
