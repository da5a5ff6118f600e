package dev.sovereign.engine.bench.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.tokenizer.TinyVocabularies;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's streamed bf16 writer gives a folder the engine loads with the shape asked for, and that runs. */
class Bf16ModelWriterTest {

    @TempDir
    Path dir;

    @Test
    void aSmallShapeLoadsWithItsShapeAndPaddedVocabularyAndGenerates() {
        int vocab = TinyVocabularies.qwenStyle().tokens().size() + 37;
        Bf16ModelWriter.Shape shape = new Bf16ModelWriter.Shape("small", vocab, 64, 2, 4, 2, 160, false, 512);
        Path folder = Bf16ModelWriter.write(shape, dir, 7);
        LoadedModel model = ModelLoader.load(folder);
        assertThat(model.config().vocabSize()).isEqualTo(vocab);
        assertThat(model.config().layers()).isEqualTo(2);
        assertThat(model.config().kvHeads()).isEqualTo(2);
        assertThat(model.tokenizer().decode(new int[] {vocab - 1})).isEqualTo("<|pad_" + (vocab - 1) + "|>");
        long matrices = 2L * 64 * 64 + 2L * 32 * 64 + 3L * 64 * 160; // q, o (64x64), k, v (32x64); gate, up, down
        assertThat(model.weightBytesPerToken()).isEqualTo(2 * (2 * matrices + (long) vocab * 64 + 64));
        try (ServingEngine engine = new ServingEngine(model, EngineSettings.defaults("small").withMaxModelLen(64)
                .withKvCacheBytes(1 << 20).withThreads(1))) {
            int[] tokens = engine.generate(new int[] {vocab - 1, 5, 6}, SamplingOptions.greedy(8).ignoringEos())
                    .join().tokens();
            assertThat(tokens).hasSize(8);
            assertThat(java.util.Arrays.stream(tokens).max().getAsInt()).isLessThan(vocab);
        }
        assertThat(Bf16ModelWriter.write(shape, dir, 7)).isEqualTo(folder); // kept, not written again
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertThat(Bf16ModelWriter.bf16(1f)).isEqualTo((short) 0x3F80);
        assertThat(Bf16ModelWriter.bf16(Float.intBitsToFloat(0x3F808000))).isEqualTo((short) 0x3F80); // tie: even
        assertThat(Bf16ModelWriter.bf16(Float.intBitsToFloat(0x3F818000))).isEqualTo((short) 0x3F82); // tie: even
        assertThat(Bf16ModelWriter.bf16(Float.intBitsToFloat(0x3F808001))).isEqualTo((short) 0x3F81);
    }
}
