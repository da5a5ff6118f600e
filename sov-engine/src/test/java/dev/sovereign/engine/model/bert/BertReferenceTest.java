package dev.sovereign.engine.model.bert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.testmodel.BertTestModel;
import dev.sovereign.engine.testmodel.WriteBertReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our encoder's last hidden states and pooled vectors on bert-tiny against HF transformers' {@code BertModel}
 * (float32, made on the GPU machine by tools/reference-embeddings/reference_embeddings.py, committed as
 * src/test/resources/reference-embeddings/bert-tiny.json), token types included.
 */
class BertReferenceTest {

    /** Measured: 8.3e-7 on the hidden states (CUDA float32 without TF32 against our CPU float32). */
    static final float TOLERANCE = 1e-5f;

    @TempDir
    Path dir;

    @Test
    void hiddenStatesAndPooledVectorsMatchTransformers() throws Exception {
        JsonNode reference = ReferenceEmbeddings.fixture();
        Path folder = BertTestModel.writeHf(dir, DType.F32);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(folder.resolve("model.safetensors"))));
        assertThat(sha).as("generated weights are the referenced ones").isEqualTo(reference.get("safetensors_sha256").asText());
        assertThat(reference.get("batched_padding_max_difference").asDouble()).as("HF's padded batch agrees with itself")
                .isLessThan(1e-5);
        EncoderModel model = BertLoader.load(folder);
        List<BertEncoder.Input> inputs = new ArrayList<>();
        for (int[][] row : WriteBertReference.inputs()) {
            inputs.add(new BertEncoder.Input(row[0], row[1]));
        }
        assertThat(inputs).hasSize(reference.get("inputs").size());
        float worst = 0;
        float worstPooled = 0;
        try (VectorKernels kernels = new VectorKernels(2)) {
            float[][] ours = model.encoder().hiddenStates(inputs, kernels);
            for (int s = 0; s < ours.length; s++) {
                JsonNode rows = reference.get("last_hidden_state").get(s);
                assertThat(rows.size() * BertTestModel.HIDDEN).isEqualTo(ours[s].length);
                float[] theirs = new float[ours[s].length];
                for (int t = 0; t < rows.size(); t++) {
                    for (int d = 0; d < BertTestModel.HIDDEN; d++) {
                        theirs[t * BertTestModel.HIDDEN + d] = (float) rows.get(t).get(d).asDouble();
                    }
                }
                for (int i = 0; i < theirs.length; i++) {
                    worst = Math.max(worst, Math.abs(ours[s][i] - theirs[i]));
                }
                for (Pooling pooling : Pooling.values()) {
                    BertConfig config = withPooling(model.config(), pooling);
                    float[] a = EncoderModel.pool(ours[s], config);
                    float[] b = EncoderModel.pool(theirs, config);
                    for (int d = 0; d < a.length; d++) {
                        worstPooled = Math.max(worstPooled, Math.abs(a[d] - b[d]));
                    }
                }
            }
        }
        System.out.println("bert-tiny: largest hidden-state difference to transformers " + worst + ", pooled " + worstPooled);
        assertThat(worst).as("largest hidden-state difference to transformers").isLessThan(TOLERANCE);
        assertThat(worstPooled).as("largest pooled difference").isLessThan(TOLERANCE);
    }

    private static BertConfig withPooling(BertConfig c, Pooling pooling) {
        return new BertConfig(c.vocabSize(), c.hidden(), c.layers(), c.heads(), c.ffn(), c.positions(), c.typeVocab(),
                c.eps(), c.exactGelu(), pooling, true, c.maxTokens(), c.matryoshka());
    }
}
