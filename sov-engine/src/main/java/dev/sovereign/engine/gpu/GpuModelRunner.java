package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaGraph;
import dev.sovereign.engine.cuda.CudaStream;
import dev.sovereign.engine.cuda.DeviceBuffer;
import dev.sovereign.engine.cuda.PinnedBuffer;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.runner.ModelRunner;
import dev.sovereign.engine.scheduler.BlockCopy;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.scheduler.Chunk;
import dev.sovereign.engine.scheduler.Sequence;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decoder on a CUDA device behind the scheduler's seam: weights uploaded once as bf16, the paged KV cache in
 * device memory under the block manager's block ids, cuBLAS for every projection and our kernels (decoder.cu) for the
 * rest; decode-only steps replay a CUDA graph per padded batch size (ADRs 0150, 0151). Every call after
 * {@link #create} must come from one thread, the engine loop's: a CUDA context is current per thread, and the
 * runner binds it on the first call from a new thread.
 */
public final class GpuModelRunner implements ModelRunner, AutoCloseable {

    /** Batch sizes a decode graph is captured for; a decode step is padded up to the next one. */
    static final int[] GRAPH_SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    /** Most sequences in one pass, and so most sampled rows (vLLM's default max_num_seqs). */
    static final int MAX_PIECES = 256;
    /** Left free for cuBLAS's workspace and the graphs' own memory when sizing the pool from a utilization. */
    static final long RESERVE_BYTES = 256L << 20;
    private static final double GIB = 1L << 30;

    private final CudaDevice device;
    private final ModelConfig config;
    private final CudaStream stream;
    private final DeviceWeights weights;
    private final DecoderKernels kernels;
    private final DecoderPass pass;
    private final GpuKvPool pool;
    private final StagedInputs eager;
    private final StagedInputs decode;
    private final PinnedBuffer logits;
    private final int maxGraphBatch;
    private final Map<Integer, CudaGraph> graphs = new HashMap<>();
    private Thread boundThread;

    private GpuModelRunner(CudaDevice device, ModelConfig config, Resources r, int maxGraphBatch) {
        this.device = device;
        this.config = config;
        this.stream = r.stream;
        this.weights = r.weights;
        this.kernels = r.kernels;
        this.pass = r.pass;
        this.pool = r.pool;
        this.eager = r.eager;
        this.decode = r.decode;
        this.logits = r.logits;
        this.maxGraphBatch = maxGraphBatch;
        this.boundThread = Thread.currentThread();
    }

    /** Uploads the weights; refuses (IllegalArgumentException naming the feature) what it does not run yet. */
    public static GpuModelRunner create(LoadedModel model, CudaDevice device, GpuKvSizing sizing) {
        ModelConfig config = model.config();
        GpuSupport.requireSupported(config);
        device.makeCurrent();
        Resources r = new Resources();
        try {
            r.stream = device.newStream();
            r.weights = DeviceWeights.upload(config, model.weights(), device);
            r.kernels = new DecoderKernels(device, config.headDim());
            int rows = sizing.stepTokens();
            int samples = Math.min(MAX_PIECES, rows);
            r.pass = new DecoderPass(device, config, r.weights, r.kernels, rows, samples);
            int tableStride = BlockManager.blocksFor(config.contextLength());
            int tile = DecoderKernels.tilePositions(config.headDim(), config.heads() / config.kvHeads());
            int maxGraphBatch = largestGraphSize(samples);
            r.eager = new StagedInputs(device, new PassInputs(rows, samples, tableStride, tile));
            r.decode = new StagedInputs(device, new PassInputs(maxGraphBatch, maxGraphBatch, tableStride, tile));
            r.logits = device.allocatePinned(4L * samples * config.vocabSize());
            long total = device.totalMemory();
            long free = device.freeMemory();
            long budget = sizing.kvBudget(total, free) - (sizing.fixedBytes() > 0 ? 0 : RESERVE_BYTES);
            int blocks = GpuKvPool.blocksFor(config, budget);
            if (blocks < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--gpu-memory-utilization %.2f leaves no room for the KV cache on %s: %.2f GiB total, %.2f GiB"
                                + " free after %.2f GiB of weights and %.2f GiB of buffers",
                        sizing.memoryUtilization(), device.name(), total / GIB, free / GIB, r.weights.bytes() / GIB,
                        r.pass.bytes() / GIB));
            }
            r.pool = GpuKvPool.allocate(device, config, blocks);
            return new GpuModelRunner(device, config, r, maxGraphBatch);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Bytes one token takes in the device KV cache: keys and values of every layer, F16 (as the CPU pool). */
    public static long bytesPerToken(ModelConfig config) {
        return GpuKvPool.bytesPerToken(config);
    }

    /** KV blocks allocated in device memory; the block manager hands out the same ids. */
    public int numBlocks() {
        return pool.numBlocks();
    }

    public long weightBytes() {
        return weights.bytes();
    }

    public long kvBytes() {
        return pool.bytes();
    }

    /** The device, weights and KV cache in one line, for the engine's log and {@code sov status}. */
    public String describe() {
        long tokens = (long) pool.numBlocks() * BlockManager.BLOCK_SIZE;
        String count = tokens >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", tokens / 1e6)
                : tokens >= 10_000 ? String.format(Locale.ROOT, "%.0fk", tokens / 1e3) : Long.toString(tokens);
        return String.format(Locale.ROOT, "cuda: %s, weights %.2f GiB bf16, KV %.1f GiB (%s tokens)", device.name(),
                weights.bytes() / GIB, pool.bytes() / GIB, count);
    }

    @Override
    public Map<Sequence, float[]> execute(List<Chunk> chunks) {
        bindThread();
        Map<Sequence, float[]> out = new IdentityHashMap<>();
        for (List<Piece> p : StepPlanner.passes(chunks, pass.rowCapacity, pass.sampleCapacity)) {
            if (StepPlanner.decodeOnly(p) && p.size() <= maxGraphBatch) {
                runDecode(p, out);
            } else {
                runEager(p, out);
            }
        }
        return out;
    }

    /** A pass with prefill pieces: every launch issued now, logits of the sampled rows gathered before the head. */
    private void runEager(List<Piece> p, Map<Sequence, float[]> out) {
        PassInputs in = eager.layout;
        int ints = in.pack(p, 0);
        eager.upload(stream, ints);
        int splits = pass.splitsFor(in.rows(), in.tiles(), in.longestContext());
        pass.enqueue(stream, pool, eager.device.address(), in, in.rows(), in.tiles(), splits, in.samples(), true);
        int sampled = in.samples();
        if (sampled > 0) {
            downloadLogits(sampled);
        }
        stream.synchronize();
        int row = 0;
        for (Piece piece : p) {
            if (piece.samples()) {
                out.put(piece.sequence(), logitsRow(row++));
            }
        }
    }

    /**
     * A pass of one token per sequence: padded to a graph size and replayed from its CUDA graph; the first pass of a
     * size runs its launches directly and captures them afterwards, so no step waits for a capture.
     */
    private void runDecode(List<Piece> p, Map<Sequence, float[]> out) {
        int batch = graphSize(p.size());
        PassInputs in = decode.layout;
        int ints = in.pack(p, batch);
        decode.upload(stream, ints);
        int splits = pass.splitsFor(batch, batch, Integer.MAX_VALUE);
        Runnable launches = () -> pass.enqueue(stream, pool, decode.device.address(), in, batch, batch, splits, batch,
                false);
        CudaGraph graph = graphs.get(batch);
        if (graph != null) {
            graph.launch(stream);
        } else {
            launches.run();
        }
        downloadLogits(p.size());
        stream.synchronize();
        for (int i = 0; i < p.size(); i++) {
            if (p.get(i).samples()) {
                out.put(p.get(i).sequence(), logitsRow(i));
            }
        }
        if (graph == null) {
            graphs.put(batch, CudaGraph.capture(stream, launches));
        }
    }

    private void downloadLogits(int rows) {
        long bytes = 4L * rows * config.vocabSize();
        MemorySegment dst = logits.segment().asSlice(0, bytes);
        deviceLogits().downloadAsync(stream, 0, dst);
    }

    private DeviceBuffer deviceLogits() {
        return pass.logitsBuffer();
    }

    private float[] logitsRow(int row) {
        int vocab = config.vocabSize();
        float[] values = new float[vocab];
        MemorySegment.copy(logits.segment(), ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * row * vocab, values, 0, vocab);
        return values;
    }

    @Override
    public void copyBlocks(List<BlockCopy> copies) {
        if (copies.isEmpty()) {
            return;
        }
        bindThread();
        for (BlockCopy copy : copies) {
            pool.copy(stream, copy.from(), copy.to());
        }
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    /** The engine loop's thread is not the one that created the runner: the context must be made current there. */
    private void bindThread() {
        Thread current = Thread.currentThread();
        if (current != boundThread) {
            device.makeCurrent();
            boundThread = current;
        }
    }

    static int graphSize(int sequences) {
        for (int size : GRAPH_SIZES) {
            if (size >= sequences) {
                return size;
            }
        }
        throw new IllegalArgumentException(sequences + " sequences exceed the largest decode graph");
    }

    static int largestGraphSize(int limit) {
        int largest = 1;
        for (int size : GRAPH_SIZES) {
            if (size <= limit) {
                largest = size;
            }
        }
        return largest;
    }

    @Override
    public void close() {
        try {
            bindThread();
        } catch (RuntimeException e) {
            // the device is gone: the frees below fail on their own, and closeAll keeps going
        }
        closeAll(graphs.values().toArray(AutoCloseable[]::new));
        graphs.clear();
        closeAll(pool, logits, decode, eager, pass, kernels, weights, stream);
    }

    /** Closes each of {@code parts} that exists, in order, whatever the others throw. */
    private static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable c : parts) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // keep closing the rest: device memory left allocated would outlive the runner
                }
            }
        }
    }

    /** What {@link #create} has allocated so far, closed in reverse on failure. */
    private static final class Resources implements AutoCloseable {
        CudaStream stream;
        DeviceWeights weights;
        DecoderKernels kernels;
        DecoderPass pass;
        GpuKvPool pool;
        StagedInputs eager;
        StagedInputs decode;
        PinnedBuffer logits;

        @Override
        public void close() {
            closeAll(pool, logits, decode, eager, pass, kernels, weights, stream);
        }
    }
}
