package dev.sovereign.engine.model.bert;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.PoolingType;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.oracle.LlamaCpp;
import dev.sovereign.engine.testmodel.BertTestModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our encoder on bert-tiny's GGUF against llama.cpp's embedding output (b4916 through de.kherud:llama, whose
 * {@code embed} returns the pooled, L2-normalised vector), with mean and with CLS pooling. llama.cpp computes GELU
 * with its tanh approximation and we with erf, as the model's config says; measured differences are below 1e-4.
 */
class BertLlamaCppAgreementTest {

    static final float TOLERANCE = 5e-4f;
    static final List<String> TEXTS = List.of("the cat sat on the mat", "hello world embedding",
            "the dog ran, the cat sat!", "tokenizer");

    @TempDir
    Path dir;

    static {
        try {
            Class.forName(LlamaCpp.class.getName()); // its private native-library folder and silent logger
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void pooledVectorsMatchLlamaCpp(Pooling pooling) {
        Path gguf = BertTestModel.writeGguf(dir, pooling == Pooling.MEAN ? 1 : 2);
        EncoderModel ours = BertLoader.load(gguf);
        assertThat(ours.config().pooling()).isEqualTo(pooling);
        try (LlamaModel llama = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setThreads(2)
                .setCtxSize(BertTestModel.POSITIONS).setBatchSize(BertTestModel.POSITIONS)
                .setUbatchSize(BertTestModel.POSITIONS).enableEmbedding()
                .setPoolingType(pooling == Pooling.MEAN ? PoolingType.MEAN : PoolingType.CLS).disableLog());
             VectorKernels kernels = new VectorKernels(2)) {
            float worst = 0;
            for (String text : TEXTS) {
                int[] ids = ours.tokenizer().encodeWithSpecials(text);
                int[] theirIds = llama.encode(text);
                assertThat(java.util.Arrays.copyOfRange(ids, 1, ids.length - 1)).as("tokens of %s", text)
                        .containsExactly(theirIds);
                float[] theirs = llama.embed(text);
                float[] mine = ours.embed(List.of(BertEncoder.Input.of(ids)), kernels)[0];
                assertThat(mine).hasSameSizeAs(theirs);
                for (int d = 0; d < mine.length; d++) {
                    worst = Math.max(worst, Math.abs(mine[d] - theirs[d]));
                }
            }
            System.out.println(pooling + ": largest difference to llama.cpp " + worst);
            assertThat(worst).as("largest difference to llama.cpp").isLessThan(TOLERANCE);
        }
    }

    @Test
    void safetensorsAndGgufGiveTheSameStates() {
        EncoderModel folder = BertLoader.load(BertTestModel.writeHf(dir, DType.F32));
        EncoderModel gguf = BertLoader.load(BertTestModel.writeGguf(dir, 1));
        List<BertEncoder.Input> inputs = List.of(BertEncoder.Input.of(folder.tokenizer().encodeWithSpecials(TEXTS.get(0))),
                BertEncoder.Input.of(folder.tokenizer().encodeWithSpecials(TEXTS.get(2))));
        try (VectorKernels kernels = new VectorKernels(2)) {
            float[][] a = folder.encoder().hiddenStates(inputs, kernels);
            float[][] b = gguf.encoder().hiddenStates(inputs, kernels);
            for (int s = 0; s < a.length; s++) {
                assertThat(a[s]).containsExactly(b[s]);
            }
        }
    }
}
