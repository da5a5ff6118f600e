package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.DeviceBuffer;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.kernel.WeightMatrix;
import dev.sovereign.engine.model.LayerWeights;
import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.model.ModelWeights;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The model's weights in device memory, uploaded once: every matrix as bf16 whatever its stored type (rows decoded
 * by the CPU kernels' own decoder, so a quantized weight has the value the CPU engine multiplies, then rounded to
 * nearest even); q/k/v fused into one matrix and gate/up into another, so each takes one GEMM; norms, biases and the
 * rope's per-pair frequencies as f32. A tied lm head is the embedding table itself.
 */
final class DeviceWeights implements AutoCloseable {

    /** Device addresses of one decoder block's weights; 0 where the architecture has none. */
    record Layer(long attentionNorm, long qkv, long qkvBias, long qNorm, long kNorm, long wo, long ffnNorm,
            long gateUp, long down) {
    }

    /** Rows converted and uploaded at a time, so host memory stays bounded for the largest matrices. */
    private static final long SLAB_BYTES = 64L << 20;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    final long embedding;
    final long outputNorm;
    final long lmHead;
    final long invFreq;
    final Layer[] layers;
    private final List<DeviceBuffer> buffers;
    private final long bytes;

    private DeviceWeights(long embedding, long outputNorm, long lmHead, long invFreq, Layer[] layers,
            List<DeviceBuffer> buffers) {
        this.embedding = embedding;
        this.outputNorm = outputNorm;
        this.lmHead = lmHead;
        this.invFreq = invFreq;
        this.layers = layers;
        this.buffers = buffers;
        this.bytes = buffers.stream().mapToLong(DeviceBuffer::bytes).sum();
    }

    static DeviceWeights upload(ModelConfig config, ModelWeights weights, CudaDevice device) {
        List<DeviceBuffer> buffers = new ArrayList<>();
        try (VectorKernels decoder = new VectorKernels(1)) {
            Uploader up = new Uploader(device, decoder, buffers);
            long embedding = up.matrix(weights.embedding());
            long lmHead = weights.output() == weights.embedding() ? embedding : up.matrix(weights.output());
            Layer[] layers = new Layer[config.layers()];
            for (int i = 0; i < layers.length; i++) {
                LayerWeights l = weights.layers()[i];
                long bias = l.bq() == null ? 0 : up.floats(concat(l.bq(), l.bk(), l.bv()));
                layers[i] = new Layer(up.floats(l.attentionNorm()), up.matrix(l.wq(), l.wk(), l.wv()), bias,
                        l.qNorm() == null ? 0 : up.floats(l.qNorm()), l.kNorm() == null ? 0 : up.floats(l.kNorm()),
                        up.matrix(l.wo()), up.floats(l.ffnNorm()), up.matrix(l.gate(), l.up()), up.matrix(l.down()));
            }
            return new DeviceWeights(embedding, up.floats(weights.outputNorm()), lmHead,
                    up.floats(ropeInverseFrequencies(config)), layers, buffers);
        } catch (RuntimeException e) {
            buffers.forEach(DeviceBuffer::close);
            throw e;
        }
    }

    /**
     * The rotation angle per position of each pair of rotary dimensions: base^(-2i/ropeDim), divided by the scaling
     * divisor of the pair (Llama 3, linear, YaRN, LongRoPE), as transformers' {@code inv_freq}.
     */
    static float[] ropeInverseFrequencies(ModelConfig config) {
        int pairs = config.ropeDim() / 2;
        float[] inv = new float[pairs];
        float[] divisors = config.ropeFreqFactors();
        for (int i = 0; i < pairs; i++) {
            double f = Math.pow(config.ropeTheta(), -2.0 * i / config.ropeDim());
            inv[i] = (float) (divisors == null ? f : f / divisors[i]);
        }
        return inv;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        buffers.forEach(DeviceBuffer::close);
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Converts on the host and copies to freshly allocated device buffers, recording them for closing. */
    private record Uploader(CudaDevice device, VectorKernels decoder, List<DeviceBuffer> buffers) {

        /** The matrices' rows one after another (a fused projection), as bf16. */
        long matrix(WeightMatrix... parts) {
            int columns = parts[0].columns();
            long rows = 0;
            for (WeightMatrix m : parts) {
                if (m.columns() != columns) {
                    throw new IllegalArgumentException("cannot fuse " + m.name() + " (" + m.columns()
                            + " columns) with " + parts[0].name() + " (" + columns + ")");
                }
                rows += m.rows();
            }
            long rowBytes = 2L * columns;
            DeviceBuffer buffer = allocate(rows * rowBytes);
            int slabRows = (int) Math.max(1, SLAB_BYTES / rowBytes);
            try (Arena arena = Arena.ofShared()) { // the rows are decoded on the common pool's threads
                MemorySegment slab = arena.allocate(Math.min(rows, slabRows) * rowBytes, 64);
                long at = 0;
                for (WeightMatrix m : parts) {
                    for (int from = 0; from < m.rows(); from += slabRows) {
                        int count = Math.min(slabRows, m.rows() - from);
                        toBf16(m, from, count, slab);
                        buffer.upload(slab.asSlice(0, count * rowBytes), at);
                        at += count * rowBytes;
                    }
                }
            }
            return buffer.address();
        }

        long floats(float[] values) {
            DeviceBuffer buffer = allocate(4L * values.length);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment host = arena.allocate(4L * values.length, 64);
                MemorySegment.copy(values, 0, host, FLOAT, 0, values.length);
                buffer.upload(host, 0);
            }
            return buffer.address();
        }

        private DeviceBuffer allocate(long size) {
            DeviceBuffer buffer = device.allocate(size);
            buffers.add(buffer);
            return buffer;
        }

        /** Rows {@code [from, from + count)} of {@code m} decoded to floats and rounded to bf16 into {@code out}. */
        private void toBf16(WeightMatrix m, int from, int count, MemorySegment out) {
            int columns = m.columns();
            IntStream.range(0, count).parallel().forEach(r -> {
                float[] row = new float[columns];
                decoder.embedding(m, from + r, row, 0);
                long base = (long) r * columns * 2;
                for (int c = 0; c < columns; c++) {
                    out.set(SHORT, base + 2L * c, Bf16.round(row[c]));
                }
            });
        }
    }
}
