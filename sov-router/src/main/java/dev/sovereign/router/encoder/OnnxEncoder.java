package dev.sovereign.router.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The transformer encoder (all-MiniLM-L6-v2, int8-quantized ONNX from the langchain4j model jar)
 * run with ONNX Runtime. Thread-safe: ONNX Runtime sessions accept concurrent runs.
 */
public final class OnnxEncoder implements AutoCloseable {

    public static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    /** The window all-MiniLM-L6-v2 was trained with; longer inputs are truncated (see docs/router.md). */
    public static final int WINDOW = 256;
    public static final int DIM = 384;

    private final OrtEnvironment env;
    private final OrtSession session;

    private OnnxEncoder(OrtEnvironment env, OrtSession session) {
        this.env = env;
        this.session = session;
    }

    public static OnnxEncoder load(int threads) {
        try (InputStream in = resource(MODEL_RESOURCE)) {
            byte[] model = in.readAllBytes();
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new OnnxEncoder(env, env.createSession(model, options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the encoder model " + MODEL_RESOURCE, e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the encoder: " + e.getMessage(), e);
        }
    }

    public static InputStream resource(String name) {
        InputStream in = OnnxEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("encoder resource " + name
                    + " is not on the classpath (the langchain4j all-MiniLM-L6-v2-q jar)");
        }
        return in;
    }

    /** Mean-pooled, L2-normalised sentence embedding of the first {@link #WINDOW}-2 tokens. */
    public float[] embed(IntList tokens) {
        int n = Math.min(tokens.size(), WINDOW - 2);
        long[][] ids = new long[1][n + 2];
        ids[0][0] = WordPieceTokenizer.CLS;
        for (int i = 0; i < n; i++) {
            ids[0][i + 1] = tokens.get(i);
        }
        ids[0][n + 1] = WordPieceTokenizer.SEP;
        float[][][] states = run(ids);
        float[] out = new float[DIM];
        for (float[] row : states[0]) {
            for (int d = 0; d < DIM; d++) {
                out[d] += row[d];
            }
        }
        return Vectors.normalize(Vectors.scale(out, 1f / states[0].length));
    }

    /** Hidden states for a batch of equal-length id rows: [batch][tokens][DIM]. */
    public float[][][] run(long[][] ids) {
        int batch = ids.length;
        int len = ids[0].length;
        long[] flat = new long[batch * len];
        long[] mask = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(ids[b], 0, flat, b * len, len);
        }
        java.util.Arrays.fill(mask, 1L);
        long[] shape = {batch, len};
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(flat), shape);
             OnnxTensor attention = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * len]), shape);
             OrtSession.Result result = session.run(Map.of(
                     "input_ids", input, "attention_mask", attention, "token_type_ids", types))) {
            return (float[][][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("encoder run failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
