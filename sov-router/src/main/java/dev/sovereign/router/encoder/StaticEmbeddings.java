package dev.sovereign.router.encoder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vector per vocabulary token, distilled from the transformer: the encoder's sentence
 * embedding of the one-token input [CLS] t [SEP]. A prompt's embedding is then the mean of its
 * tokens' vectors, which costs microseconds per token instead of a transformer pass
 * (docs/decisions/0030). The table is derived from the encoder in the Maven jar, so it is
 * computed once and cached on disk, never downloaded.
 */
public final class StaticEmbeddings {

    private static final Logger LOG = LoggerFactory.getLogger(StaticEmbeddings.class);
    private static final int FORMAT = 1;
    private static final int BATCH = 512;

    /** Whether this JVM has the Vector API module (every launcher of the platform adds it). */
    static final boolean LANE_SUMS = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private final float[] table;
    private final int vocab;

    StaticEmbeddings(float[] table, int vocab) {
        this.table = table;
        this.vocab = vocab;
    }

    /** Loads the cached table, or distills it from {@code encoder} and caches it. */
    public static StaticEmbeddings loadOrDistill(Path cacheFile, OnnxEncoder encoder, int vocab) {
        if (Files.isRegularFile(cacheFile)) {
            try {
                return read(cacheFile, vocab);
            } catch (IOException | RuntimeException e) {
                LOG.warn("static embedding cache {} unreadable ({}); distilling again", cacheFile, e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        StaticEmbeddings distilled = distill(encoder, vocab);
        LOG.info("distilled {} static token embeddings in {} ms", vocab, (System.nanoTime() - t0) / 1_000_000);
        try {
            distilled.write(cacheFile);
        } catch (IOException e) {
            LOG.warn("cannot cache static embeddings at {}: {}", cacheFile, e.getMessage());
        }
        return distilled;
    }

    public static StaticEmbeddings distill(OnnxEncoder encoder, int vocab) {
        float[] table = new float[vocab * OnnxEncoder.DIM];
        for (int start = 0; start < vocab; start += BATCH) {
            int n = Math.min(BATCH, vocab - start);
            long[][] ids = new long[n][];
            for (int i = 0; i < n; i++) {
                ids[i] = new long[] {WordPieceTokenizer.CLS, start + i, WordPieceTokenizer.SEP};
            }
            float[][][] states = encoder.run(ids);
            for (int i = 0; i < n; i++) {
                float[] v = new float[OnnxEncoder.DIM];
                for (float[] row : states[i]) {
                    for (int d = 0; d < v.length; d++) {
                        v[d] += row[d] / states[i].length;
                    }
                }
                System.arraycopy(v, 0, table, (start + i) * OnnxEncoder.DIM, v.length);
            }
        }
        return new StaticEmbeddings(table, vocab);
    }

    public int dimension() {
        return OnnxEncoder.DIM;
    }

    float[] table() {
        return table;
    }

    /** Mean of the token vectors, L2-normalised; the zero vector for no tokens. */
    public float[] embed(IntList tokens) {
        float[] out = new float[OnnxEncoder.DIM];
        addVectors(tokens, 0, tokens.size(), out);
        return Vectors.normalize(out);
    }

    /**
     * Adds the vectors of tokens [from, to) into {@code sum} (unknown ids are skipped): with the
     * Vector API where the JVM has it ({@link LaneSums}; C2 does not vectorise this gather-and-add
     * loop by itself, 5x slower on the guard's 8k-token conversations), else by the scalar loop,
     * which gives the same bits.
     */
    public void addVectors(IntList tokens, int from, int to, float[] sum) {
        if (LANE_SUMS) {
            LaneSums.add(table, vocab, tokens, from, to, sum);
            return;
        }
        int dim = OnnxEncoder.DIM;
        for (int i = from; i < to; i++) {
            int id = tokens.get(i);
            if (id < 0 || id >= vocab) {
                continue;
            }
            int base = id * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += table[base + d];
            }
        }
    }

    private static StaticEmbeddings read(Path file, int vocab) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FORMAT || in.readInt() != vocab || in.readInt() != OnnxEncoder.DIM) {
                throw new IOException("stale format");
            }
            byte[] bytes = in.readNBytes(vocab * OnnxEncoder.DIM * 4);
            float[] table = new float[vocab * OnnxEncoder.DIM];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(table);
            return new StaticEmbeddings(table, vocab);
        }
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "static", ".tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(FORMAT);
            out.writeInt(vocab);
            out.writeInt(OnnxEncoder.DIM);
            ByteBuffer buf = ByteBuffer.allocate(table.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(table);
            out.write(buf.array());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
