package dev.sovereign.engine.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.SharedFixtures;
import dev.sovereign.engine.testmodel.TestModels;
import dev.sovereign.testing.NeedsSharedData;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {

    @TempDir
    Path dir;

    /** A file llama.cpp's own tooling wrote, not ours: the reader against an independent writer. */
    @Test
    @NeedsSharedData(SharedFixtures.LLAMA2_TINY_RANDOM)
    void readsTheSharedLlamaFixture() {
        GgufFile gguf = GgufFile.open(SharedFixtures.llama2TinyRandom());
        assertThat(gguf.version()).isEqualTo(3);
        assertThat(gguf.metadata()).hasSize(18);
        assertThat(gguf.metadata().get("general.architecture")).isEqualTo("llama");
        assertThat(gguf.metadata().get("tokenizer.ggml.tokens")).isInstanceOf(List.class);
        assertThat((List<?>) gguf.metadata().get("tokenizer.ggml.tokens")).hasSize(32000);
        assertThat(gguf.metadata().get("tokenizer.ggml.scores")).isInstanceOf(float[].class);
        assertThat(gguf.metadata().get("tokenizer.ggml.token_type")).isInstanceOf(int[].class);
        assertThat(gguf.tensors()).hasSize(12);
        var embedding = gguf.tensor("token_embd.weight");
        assertThat(embedding.shape()[0]).isEqualTo(32000);
        assertThat(embedding.data().byteSize()).isEqualTo(embedding.type().bytesFor(embedding.elementCount()));
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path file = dir.resolve("bad.gguf");
        Files.write(file, "NOPE and some more bytes".getBytes());
        assertThatThrownBy(() -> GgufFile.open(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("bad magic");
    }

    @Test
    void rejectsUnsupportedVersion() throws IOException {
        Path file = dir.resolve("v1.gguf");
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.put("GGUF".getBytes()).putInt(1).putLong(0).putLong(0);
        Files.write(file, header.array());
        assertThatThrownBy(() -> GgufFile.open(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("unsupported GGUF version 1");
    }

    @Test
    void rejectsTruncationInTheHeaderAndInTheTensorData() throws IOException {
        byte[] whole = Files.readAllBytes(TestModels.writeGguf(TestModels.LLAMA2, dir));
        Path header = dir.resolve("header-cut.gguf");
        Files.write(header, Arrays.copyOf(whole, 5000));
        assertThatThrownBy(() -> GgufFile.open(header)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("truncated");
        Path data = dir.resolve("data-cut.gguf");
        Files.write(data, Arrays.copyOf(whole, whole.length - 100));
        assertThatThrownBy(() -> GgufFile.open(data)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("truncated").hasMessageContaining("tensor");
    }

    @Test
    void reportsAMissingFile() {
        assertThatThrownBy(() -> GgufFile.open(dir.resolve("absent.gguf"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void dtypeSizes() {
        assertThat(DType.Q8_0.bytesFor(64)).isEqualTo(68);
        assertThat(DType.Q4_0.bytesFor(32)).isEqualTo(18);
    }
}
