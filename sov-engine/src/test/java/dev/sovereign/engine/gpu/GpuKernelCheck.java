package dev.sovereign.engine.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.cuda.Cuda;
import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaStream;
import dev.sovereign.engine.cuda.DeviceBuffer;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every kernel of decoder.cu on random inputs against a float64 Java reference, launched through
 * {@link DecoderKernels} (so the argument order is checked too). Prints one PASS/FAIL line per kernel and case with its
 * relative error (largest absolute difference over the largest reference magnitude) and never stops at the first
 * failure. Runs as a test (tag gpu) and as a main for the device machine.
 */
@Tag("gpu")
public class GpuKernelCheck {

    record Result(String check, double error, double tolerance, String failure) {
        boolean passed() {
            return failure == null && error <= tolerance;
        }

        @Override
        public String toString() {
            return String.format("%s %-44s rel.err %.3e (tol %.0e)%s", passed() ? "PASS" : "FAIL", check, error,
                    tolerance, failure == null ? "" : " " + failure);
        }
    }

    public static void main(String[] args) {
        var probe = Cuda.probe();
        if (probe.device().isEmpty()) {
            System.out.println("SKIP no CUDA device: " + probe.reason());
            System.exit("1".equals(System.getenv("SOV_REQUIRE_GPU")) ? 1 : 0);
        }
        CudaDevice device = probe.device().get();
        device.makeCurrent();
        List<Result> results = run(device);
        System.exit(results.stream().allMatch(Result::passed) ? 0 : 1);
    }

    @Test
    void everyKernelMatchesTheFloat64Reference() {
        List<Result> results = run(GpuTestDevice.require());
        assertThat(results.stream().filter(r -> !r.passed()).map(Result::toString).toList()).as("failed kernels")
                .isEmpty();
    }

    static List<Result> run(CudaDevice device) {
        List<Result> results = new ArrayList<>();
        try (CudaStream stream = device.newStream()) {
            KernelRig rig = new KernelRig(device, stream);
            check(results, "embed_rows", 1e-7, rig::embedding);
            check(results, "rmsnorm_rows dim 896", 1e-2, () -> rig.rmsnorm(896, null));
            check(results, "rmsnorm_rows gather (sampled rows) dim 4096", 1e-2,
                    () -> rig.rmsnorm(4096, new int[] {5, 0, 3}));
            check(results, "qkv_rope_cache q 14/2x64 neox bias", 1e-4, () -> rig.qkvRope(14, 2, 64, 64, true, true,
                    false, 0));
            check(results, "qkv_rope_cache k cache 14/2x64 neox bias", 2e-3, () -> rig.qkvRope(14, 2, 64, 64, true,
                    true, false, 1));
            check(results, "qkv_rope_cache v cache 14/2x64 neox bias", 2e-3, () -> rig.qkvRope(14, 2, 64, 64, true,
                    true, false, 2));
            check(results, "qkv_rope_cache q 4/2x128 neox q/k norm", 1e-4, () -> rig.qkvRope(4, 2, 128, 128, true,
                    false, true, 0));
            check(results, "qkv_rope_cache k cache 4/2x128 neox q/k norm", 2e-3, () -> rig.qkvRope(4, 2, 128, 128,
                    true, false, true, 1));
            check(results, "qkv_rope_cache q 4/4x16 normal rope 8 of 16", 1e-4, () -> rig.qkvRope(4, 4, 16, 8,
                    false, false, false, 0));
            check(results, "qkv_rope_cache k cache 4/4x16 normal", 2e-3, () -> rig.qkvRope(4, 4, 16, 8, false,
                    false, false, 1));
            for (int[] shape : new int[][] {{14, 2, 64}, {4, 4, 128}, {4, 2, 16}, {28, 4, 128}, {8, 8, 32}, {40, 1, 64}, {8, 2, 256}}) {
                for (int splits : new int[] {1, 3}) {
                    String name = String.format("paged_attention %d/%dx%d splits %d", shape[0], shape[1], shape[2],
                            splits);
                    check(results, name, 1e-2, () -> rig.attention(shape[0], shape[1], shape[2], splits));
                }
            }
            check(results, "swiglu", 1e-2, rig::swiglu);
            check(results, "block copy (copyBlocks)", 0, rig::blockCopy);
            rig.close();
            AttentionTimings.print(device, stream);
        }
        results.forEach(System.out::println);
        long failed = results.stream().filter(r -> !r.passed()).count();
        System.out.println("kernel check: " + (results.size() - failed) + " passed, " + failed + " failed");
        return results;
    }

    private static void check(List<Result> results, String name, double tolerance, Supplier<Double> body) {
        try {
            results.add(new Result(name, body.get(), tolerance, null));
        } catch (RuntimeException | AssertionError e) {
            results.add(new Result(name, Double.NaN, tolerance, "threw " + e));
        }
    }

    /** Largest absolute difference over the largest reference magnitude. */
    static double relativeError(float[] got, double[] expected) {
        double diff = 0;
        double scale = 1e-30;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(got[i] - expected[i]));
            if (Double.isNaN(got[i])) {
                return Double.NaN;
            }
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / scale;
    }

    /** The kernels, device arrays and random inputs of the checks. */
    static final class KernelRig implements AutoCloseable {
        private final CudaDevice device;
        private final CudaStream stream;
        private final DecoderKernels kernels64;
        private final SplittableRandom random = new SplittableRandom(22);

        KernelRig(CudaDevice device, CudaStream stream) {
            this.device = device;
            this.stream = stream;
            this.kernels64 = new DecoderKernels(device, 64);
        }

        private float[] randoms(int n, double scale) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
            }
            return v;
        }

        double embedding() {
            int vocab = 50;
            int dim = 96;
            float[] table = DeviceArrays.bf16Values(randoms(vocab * dim, 1));
            int[] tokens = {3, 0, 49, 7};
            try (DeviceArrays a = new DeviceArrays(device)) {
                DeviceBuffer t = a.bf16(table);
                DeviceBuffer tok = a.ints(tokens);
                DeviceBuffer x = a.zeros(4L * tokens.length * dim);
                kernels64.embed(stream, t.address(), tok.address(), x.address(), tokens.length, dim);
                stream.synchronize();
                double[] expected = new double[tokens.length * dim];
                for (int r = 0; r < tokens.length; r++) {
                    for (int d = 0; d < dim; d++) {
                        expected[r * dim + d] = table[tokens[r] * dim + d];
                    }
                }
                return relativeError(DeviceArrays.readF32(x, expected.length), expected);
            }
        }

        double rmsnorm(int dim, int[] rowIndex) {
            int rows = 6;
            float eps = 1e-6f;
            float[] x = randoms(rows * dim, 3);
            float[] w = randoms(dim, 1);
            int outRows = rowIndex == null ? rows : rowIndex.length;
            try (DeviceArrays a = new DeviceArrays(device)) {
                DeviceBuffer xb = a.f32(x);
                DeviceBuffer wb = a.f32(w);
                DeviceBuffer out = a.zeros(2L * outRows * dim);
                long index = rowIndex == null ? 0 : a.ints(rowIndex).address();
                kernels64.rmsnorm(stream, xb.address(), index, wb.address(), out.address(), outRows, dim, eps);
                stream.synchronize();
                double[] expected = new double[outRows * dim];
                for (int i = 0; i < outRows; i++) {
                    int row = rowIndex == null ? i : rowIndex[i];
                    double sum = 0;
                    for (int d = 0; d < dim; d++) {
                        sum += (double) x[row * dim + d] * x[row * dim + d];
                    }
                    double scale = 1 / Math.sqrt(sum / dim + eps);
                    for (int d = 0; d < dim; d++) {
                        expected[i * dim + d] = x[row * dim + d] * scale * w[d];
                    }
                }
                return relativeError(DeviceArrays.readBf16(out, expected.length), expected);
            }
        }

        /**
         * qkv_rope_cache on 4 rows at positions up to 1000; {@code part} 0 checks the rotated queries left in qkv,
         * 1 the keys and 2 the values written into the cache at the rows' slots (one row is padding, slot -1).
         */
        double qkvRope(int heads, int kvHeads, int headDim, int ropeDim, boolean neox, boolean bias, boolean qkNorm,
                int part) {
            int[] positions = {0, 5, 17, 1000};
            int[] slots = {3 * 16 + 0, 0 * 16 + 5, 7 * 16 + 1, -1};
            int rows = positions.length;
            int width = (heads + 2 * kvHeads) * headDim;
            float eps = 1e-6f;
            float[] qkv = randoms(rows * width, 2);
            float[] b = bias ? randoms(width, 0.5) : null;
            float[] qn = qkNorm ? randoms(headDim, 1) : null;
            float[] kn = qkNorm ? randoms(headDim, 1) : null;
            float[] inv = new float[ropeDim / 2];
            for (int i = 0; i < inv.length; i++) {
                inv[i] = (float) Math.pow(10000.0, -2.0 * i / ropeDim);
            }
            float ropeScale = 1.0f;
            int blocks = 8;
            long cacheBytes = 2L * blocks * BlockManager.BLOCK_SIZE * kvHeads * headDim;
            try (DeviceArrays a = new DeviceArrays(device)) {
                DeviceBuffer qkvb = a.f32(qkv);
                DeviceBuffer kc = a.zeros(cacheBytes);
                DeviceBuffer vc = a.zeros(cacheBytes);
                kernels64.qkvRopeCache(stream, qkvb.address(), b == null ? 0 : a.f32(b).address(),
                        qn == null ? 0 : a.f32(qn).address(), kn == null ? 0 : a.f32(kn).address(), eps,
                        a.ints(positions).address(), a.ints(slots).address(), a.f32(inv).address(), ropeScale,
                        ropeDim, neox, kc.address(), vc.address(), rows, heads, kvHeads, headDim);
                stream.synchronize();
                double[][] heads2 = new double[rows * (heads + 2 * kvHeads)][];
                for (int r = 0; r < rows; r++) {
                    for (int h = 0; h < heads + 2 * kvHeads; h++) {
                        double[] v = new double[headDim];
                        for (int d = 0; d < headDim; d++) {
                            v[d] = qkv[r * width + h * headDim + d] + (b == null ? 0 : b[h * headDim + d]);
                        }
                        boolean isQ = h < heads;
                        boolean isK = !isQ && h < heads + kvHeads;
                        if ((isQ || isK) && qkNorm) {
                            double sum = 0;
                            for (double e : v) {
                                sum += e * e;
                            }
                            double s = 1 / Math.sqrt(sum / headDim + eps);
                            for (int d = 0; d < headDim; d++) {
                                v[d] *= s * (isQ ? qn[d] : kn[d]);
                            }
                        }
                        if (isQ || isK) {
                            int pairs = ropeDim / 2;
                            for (int i = 0; i < pairs; i++) {
                                int x0 = neox ? i : 2 * i;
                                int x1 = neox ? i + pairs : 2 * i + 1;
                                // the angle as the kernel forms it (one float product); cos and sin in double
                                double angle = (float) positions[r] * inv[i];
                                double c = Math.cos(angle) * ropeScale;
                                double s = Math.sin(angle) * ropeScale;
                                double u = v[x0];
                                double w = v[x1];
                                v[x0] = u * c - w * s;
                                v[x1] = u * s + w * c;
                            }
                        }
                        heads2[r * (heads + 2 * kvHeads) + h] = v;
                    }
                }
                if (part == 0) {
                    float[] got = DeviceArrays.readF32(qkvb, rows * width);
                    List<Float> g = new ArrayList<>();
                    List<Double> e = new ArrayList<>();
                    for (int r = 0; r < rows; r++) {
                        for (int h = 0; h < heads; h++) {
                            for (int d = 0; d < headDim; d++) {
                                g.add(got[r * width + h * headDim + d]);
                                e.add(heads2[r * (heads + 2 * kvHeads) + h][d]);
                            }
                        }
                    }
                    return relativeError(toFloats(g), e.stream().mapToDouble(Double::doubleValue).toArray());
                }
                float[] cache = DeviceArrays.readF16(part == 1 ? kc : vc, (int) (cacheBytes / 2));
                List<Float> g = new ArrayList<>();
                List<Double> e = new ArrayList<>();
                for (int r = 0; r < rows; r++) {
                    if (slots[r] < 0) {
                        continue;
                    }
                    for (int kh = 0; kh < kvHeads; kh++) {
                        int at = ((slots[r] / 16 * kvHeads + kh) * 16 + slots[r] % 16) * headDim;
                        double[] v = heads2[r * (heads + 2 * kvHeads) + heads + (part == 1 ? 0 : kvHeads) + kh];
                        for (int d = 0; d < headDim; d++) {
                            g.add(cache[at + d]);
                            e.add(v[d]);
                        }
                    }
                }
                // the padding row (slot -1) wrote nothing: block 0's positions other than 5 stay zero
                for (int kh = 0; kh < kvHeads; kh++) {
                    for (int p = 0; p < 16; p++) {
                        if (p != 5) {
                            for (int d = 0; d < headDim; d++) {
                                g.add(cache[((kh) * 16 + p) * headDim + d]);
                                e.add(0.0);
                            }
                        }
                    }
                }
                return relativeError(toFloats(g), e.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }

        /**
         * Paged attention over random block tables for a pass mixing prefill chunks (one from position 0, one
         * continuing at 33, one longer than a tile) and decode rows, against softmax(q k / sqrt(d)) v in float64.
         */
        double attention(int heads, int kvHeads, int headDim, int splits) {
            int blocks = 64;
            List<Integer> free = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                free.add(i);
            }
            Collections.shuffle(free, new java.util.Random(7));
            int[][] pieces = {{0, 40}, {70, 1}, {33, 20}, {5, 1}, {0, 1}, {100, 70}};  // {from, count}
            List<Piece> pass = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < pieces.length; i++) {
                int end = pieces[i][0] + pieces[i][1];
                Sequence s = new Sequence(i, new int[end], end);
                for (int b = 0; b < BlockManager.blocksFor(end); b++) {
                    s.blockTable().add(free.get(next++));
                }
                pass.add(new Piece(s, pieces[i][0], pieces[i][1], true));
            }
            int group = heads / kvHeads;
            PassInputs in = new PassInputs(256, 16, 16, DecoderKernels.tilePositions(headDim, group));
            int ints = in.pack(pass, 0);
            int rows = in.rows();
            int width = (heads + 2 * kvHeads) * headDim;
            float[] qkv = randoms(rows * width, 1.5);
            int cacheValues = blocks * BlockManager.BLOCK_SIZE * kvHeads * headDim;
            float[] keys = DeviceArrays.f16Values(randoms(cacheValues, 1.5));
            float[] values = DeviceArrays.f16Values(randoms(cacheValues, 1));
            float scale = (float) (1 / Math.sqrt(headDim));
            DecoderKernels kernels = new DecoderKernels(device, headDim);
            try (DeviceArrays a = new DeviceArrays(device); kernels) {
                DeviceBuffer inputs = a.ints(java.util.Arrays.copyOf(in.image(), ints));
                long base = inputs.address();
                DeviceBuffer qkvb = a.f32(qkv);
                DeviceBuffer kc = a.f16(keys);
                DeviceBuffer vc = a.f16(values);
                DeviceBuffer out = a.zeros(2L * rows * heads * headDim);
                DeviceBuffer partials = a.zeros(4L * rows * heads * splits * (headDim + 2));
                kernels.attention(stream, qkvb.address(), out.address(), partials.address(), kc.address(),
                        vc.address(), base + 4L * in.tileChunkAt(), base + 4L * in.tileRowAt(),
                        base + 4L * in.tilePosAt(), base + 4L * in.tileCountAt(), base + 4L * in.tablesAt(),
                        in.tableStride, in.tiles(), heads, kvHeads, headDim, scale, splits);
                if (splits > 1) {
                    kernels.combine(stream, partials.address(), out.address(), rows, heads, headDim, splits);
                }
                stream.synchronize();
                double[] expected = new double[rows * heads * headDim];
                int row = 0;
                for (Piece piece : pass) {
                    List<Integer> table = piece.sequence().blockTable();
                    for (int i = 0; i < piece.count(); i++, row++) {
                        int qpos = piece.from() + i;
                        for (int h = 0; h < heads; h++) {
                            int kh = h / group;
                            double[] scores = new double[qpos + 1];
                            double max = Double.NEGATIVE_INFINITY;
                            for (int p = 0; p <= qpos; p++) {
                                int at = kvAt(table, p, kh, kvHeads, headDim);
                                double s = 0;
                                for (int d = 0; d < headDim; d++) {
                                    s += (double) qkv[row * width + h * headDim + d] * keys[at + d];
                                }
                                scores[p] = s * scale;
                                max = Math.max(max, scores[p]);
                            }
                            double sum = 0;
                            for (int p = 0; p <= qpos; p++) {
                                scores[p] = Math.exp(scores[p] - max);
                                sum += scores[p];
                            }
                            for (int p = 0; p <= qpos; p++) {
                                int at = kvAt(table, p, kh, kvHeads, headDim);
                                for (int d = 0; d < headDim; d++) {
                                    expected[(row * heads + h) * headDim + d] += scores[p] / sum * values[at + d];
                                }
                            }
                        }
                    }
                }
                return relativeError(DeviceArrays.readBf16(out, expected.length), expected);
            }
        }

        private static int kvAt(List<Integer> table, int position, int kvHead, int kvHeads, int headDim) {
            return ((table.get(position / 16) * kvHeads + kvHead) * 16 + position % 16) * headDim;
        }

        double swiglu() {
            int rows = 3;
            int ffn = 300;
            float[] gateUp = randoms(rows * 2 * ffn, 4);
            try (DeviceArrays a = new DeviceArrays(device)) {
                DeviceBuffer in = a.f32(gateUp);
                DeviceBuffer out = a.zeros(2L * rows * ffn);
                kernels64.swiglu(stream, in.address(), out.address(), rows, ffn);
                stream.synchronize();
                double[] expected = new double[rows * ffn];
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < ffn; i++) {
                        double g = gateUp[r * 2 * ffn + i];
                        expected[r * ffn + i] = g / (1 + Math.exp(-g)) * gateUp[r * 2 * ffn + ffn + i];
                    }
                }
                return relativeError(DeviceArrays.readBf16(out, expected.length), expected);
            }
        }

        /** GpuKvPool.copy: block 2 over block 5 in every layer, keys and values; nothing else changes. */
        double blockCopy() {
            var config = new dev.sovereign.engine.model.ModelConfig("llama", 64, 3, 4, 2, 16, 128, 100, 256, 1e-5f,
                    10000f, 16, dev.sovereign.engine.model.RopeStyle.NEOX, null, false, false);
            int numBlocks = 8;
            try (GpuKvPool pool = GpuKvPool.allocate(device, config, numBlocks);
                    java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                int halves = (int) (pool.bytes() / 2);
                var host = arena.allocate(pool.bytes());
                float[] init = DeviceArrays.f16Values(randoms(halves, 1));
                for (int i = 0; i < halves; i++) {
                    host.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i, Float.floatToFloat16(init[i]));
                }
                pool.write(host);
                pool.copy(stream, 2, 5);
                stream.synchronize();
                pool.read(host);
                float[] got = new float[halves];
                for (int i = 0; i < halves; i++) {
                    got[i] = Float.float16ToFloat(host.get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i));
                }
                double[] expected = new double[halves];
                for (int i = 0; i < halves; i++) {
                    expected[i] = init[i];
                }
                int run = 16 * config.kvDim();
                int part = numBlocks * run;  // keys or values of one layer
                for (int p = 0; p < 2 * config.layers(); p++) {
                    for (int j = 0; j < run; j++) {
                        expected[p * part + 5 * run + j] = init[p * part + 2 * run + j];
                    }
                }
                return relativeError(got, expected);
            }
        }

        @Override
        public void close() {
            kernels64.close();
        }
    }

    private static float[] toFloats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
