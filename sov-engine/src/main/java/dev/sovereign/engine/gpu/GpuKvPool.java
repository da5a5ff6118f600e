package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaStream;
import dev.sovereign.engine.cuda.DeviceBuffer;
import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.scheduler.BlockManager;
import java.lang.foreign.MemorySegment;

/**
 * The paged KV cache in device memory: for every layer, keys then values of {@code numBlocks} blocks, each block
 * {@code [kvHead][16 positions][headDim]} F16 values, the CPU pool's layout (ADR 0097), indexed by the block
 * manager's block ids. One allocation, so a block copy is plain offsets.
 */
final class GpuKvPool implements AutoCloseable {

    private final DeviceBuffer buffer;
    private final int layers;
    private final int numBlocks;
    private final long blockBytes;

    private GpuKvPool(DeviceBuffer buffer, int layers, int numBlocks, long blockBytes) {
        this.buffer = buffer;
        this.layers = layers;
        this.numBlocks = numBlocks;
        this.blockBytes = blockBytes;
    }

    /** Bytes one token takes: keys and values of every layer, two bytes a value (as the CPU pool). */
    static long bytesPerToken(ModelConfig config) {
        return 2L * config.layers() * config.kvDim() * Short.BYTES;
    }

    /** How many whole blocks {@code bytes} buy. */
    static int blocksFor(ModelConfig config, long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, bytes) / (bytesPerToken(config) * BlockManager.BLOCK_SIZE));
    }

    static GpuKvPool allocate(CudaDevice device, ModelConfig config, int numBlocks) {
        long blockBytes = (long) BlockManager.BLOCK_SIZE * config.kvDim() * Short.BYTES;
        return new GpuKvPool(device.allocate(2L * config.layers() * numBlocks * blockBytes), config.layers(),
                numBlocks, blockBytes);
    }

    int numBlocks() {
        return numBlocks;
    }

    long bytes() {
        return buffer.bytes();
    }

    long keys(int layer) {
        return buffer.address() + offset(layer, 0, 0);
    }

    long values(int layer) {
        return buffer.address() + offset(layer, 1, 0);
    }

    /** Block {@code from} over block {@code to}, keys and values of every layer, in stream order. */
    void copy(CudaStream stream, int from, int to) {
        for (int layer = 0; layer < layers; layer++) {
            for (int kv = 0; kv < 2; kv++) {
                buffer.copyWithin(stream, offset(layer, kv, from), offset(layer, kv, to), blockBytes);
            }
        }
    }

    /** The whole pool from host memory, synchronously: for tests that fill it with known values. */
    void write(MemorySegment host) {
        buffer.upload(host, 0);
    }

    /** The whole pool into host memory, synchronously. */
    void read(MemorySegment host) {
        buffer.download(0, host);
    }

    private long offset(int layer, int kv, int block) {
        return ((2L * layer + kv) * numBlocks + block) * blockBytes;
    }

    @Override
    public void close() {
        buffer.close();
    }
}
