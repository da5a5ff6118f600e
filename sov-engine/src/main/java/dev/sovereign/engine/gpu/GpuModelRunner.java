package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.runner.ModelRunner;
import dev.sovereign.engine.scheduler.BlockCopy;
import dev.sovereign.engine.scheduler.Chunk;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.List;
import java.util.Map;

/**
 * The decoder on a CUDA device behind the scheduler's seam: weights uploaded once as bf16, the paged KV cache in
 * device memory under the block manager's block ids, cuBLAS for every projection and our kernels (decoder.cu) for the
 * rest; decode-only steps replay a CUDA graph per padded batch size (ADRs 0150, 0151). Every call after
 * {@link #create} must come from one thread, the engine loop's: a CUDA context is current per thread.
 */
public final class GpuModelRunner implements ModelRunner, AutoCloseable {

    private GpuModelRunner() {
    }

    /** Uploads the weights; refuses (IllegalArgumentException naming the feature) what it does not run yet. */
    public static GpuModelRunner create(LoadedModel model, CudaDevice device, GpuKvSizing sizing) {
        GpuSupport.requireSupported(model.config());
        throw new UnsupportedOperationException("skeleton: the runner lands with the decoder kernels");
    }

    /** Bytes one token takes in the device KV cache: keys and values of every layer, F16 (as the CPU pool). */
    public static long bytesPerToken(ModelConfig config) {
        return 2L * config.layers() * config.kvDim() * Short.BYTES;
    }

    /** KV blocks allocated in device memory; the block manager hands out the same ids. */
    public int numBlocks() {
        throw new UnsupportedOperationException();
    }

    public long weightBytes() {
        throw new UnsupportedOperationException();
    }

    public long kvBytes() {
        throw new UnsupportedOperationException();
    }

    /** The device, weights and KV cache in one line, for the engine's log and {@code sov status}. */
    public String describe() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<Sequence, float[]> execute(List<Chunk> chunks) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void copyBlocks(List<BlockCopy> copies) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int vocabSize() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
