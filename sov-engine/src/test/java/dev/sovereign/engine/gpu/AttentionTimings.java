package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaStream;
import dev.sovereign.engine.cuda.DeviceBuffer;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wall time of the attention kernel (plus the merge of its splits) on the shapes of the targets, printed by
 * GpuKernelCheck for the speed work: a 2k-token prefill chunk and decode rows at 384 keys (a 256-token prompt half
 * way through 128 outputs), batch 1 and 64. Random cache contents; only the time matters here.
 */
final class AttentionTimings {

    private static final int REPEATS = 20;

    private AttentionTimings() {
    }

    static void print(CudaDevice device, CudaStream stream) {
        int[][] shapes = {{14, 2, 64}, {28, 4, 128}};  // Qwen2.5-0.5B, Qwen2.5-7B
        for (int[] shape : shapes) {
            try {
                time(device, stream, shape, 1, 2048, 0);
                time(device, stream, shape, 1, 1, 383);
                time(device, stream, shape, 64, 1, 383);
            } catch (RuntimeException e) {
                System.out.println("timing " + Arrays.toString(shape) + " failed: " + e);
            }
        }
    }

    /** {@code sequences} pieces of {@code count} tokens from position {@code from}. */
    private static void time(CudaDevice device, CudaStream stream, int[] shape, int sequences, int count, int from) {
        int heads = shape[0];
        int kvHeads = shape[1];
        int headDim = shape[2];
        int end = from + count;
        int blocksEach = BlockManager.blocksFor(end);
        List<Piece> pass = new ArrayList<>();
        for (int s = 0; s < sequences; s++) {
            Sequence seq = new Sequence(s, new int[end], end);
            for (int b = 0; b < blocksEach; b++) {
                seq.blockTable().add(s * blocksEach + b);
            }
            pass.add(new Piece(seq, from, count, true));
        }
        PassInputs in = new PassInputs(sequences * count, sequences, blocksEach,
                DecoderKernels.tilePositions(headDim, heads / kvHeads));
        int ints = in.pack(pass, 0);
        int rows = in.rows();
        long cacheBytes = 2L * sequences * blocksEach * BlockManager.BLOCK_SIZE * kvHeads * headDim;
        int splits = DecoderPass.splitsFor(rows, DecoderPass.SPLIT_ROWS, in.tiles(), kvHeads,
                device.multiprocessors(), end);
        try (DeviceArrays a = new DeviceArrays(device); DecoderKernels kernels = new DecoderKernels(device, headDim)) {
            long base = a.ints(Arrays.copyOf(in.image(), ints)).address();
            DeviceBuffer qkv = a.zeros(4L * rows * (heads + 2 * kvHeads) * headDim);
            DeviceBuffer out = a.zeros(2L * rows * heads * headDim);
            DeviceBuffer partials = a.zeros(4L * Math.max(1, splits > 1 ? rows : 1) * heads * splits * (headDim + 2));
            DeviceBuffer keys = a.zeros(cacheBytes);
            DeviceBuffer values = a.zeros(cacheBytes);
            Runnable launch = () -> {
                kernels.attention(stream, qkv.address(), out.address(), partials.address(), keys.address(),
                        values.address(), base + 4L * in.tileChunkAt(), base + 4L * in.tileRowAt(),
                        base + 4L * in.tilePosAt(), base + 4L * in.tileCountAt(), base + 4L * in.tablesAt(),
                        in.tableStride, in.tiles(), heads, kvHeads, headDim, (float) (1 / Math.sqrt(headDim)), splits);
                if (splits > 1) {
                    kernels.combine(stream, partials.address(), out.address(), rows, heads, headDim, splits);
                }
            };
            launch.run();
            stream.synchronize();
            long start = System.nanoTime();
            for (int i = 0; i < REPEATS; i++) {
                launch.run();
            }
            stream.synchronize();
            double micros = (System.nanoTime() - start) / 1e3 / REPEATS;
            System.out.printf("timing paged_attention %d/%dx%d: %d x %d tokens from position %d, %d splits: %.1f us"
                    + " a launch (eager, launch cost included)%n", heads, kvHeads, headDim, sequences, count, from,
                    splits, micros);
        }
    }
}
