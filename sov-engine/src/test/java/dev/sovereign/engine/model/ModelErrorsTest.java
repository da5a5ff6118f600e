package dev.sovereign.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.testmodel.GgufWriter;
import dev.sovereign.engine.testmodel.QuantMix;
import dev.sovereign.engine.testmodel.TestModelSpec;
import dev.sovereign.engine.testmodel.TestModels;
import dev.sovereign.engine.tokenizer.TokenizerException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a model can be unusable gives one clear error that names the problem. */
class ModelErrorsTest {

    @TempDir
    Path dir;

    @Test
    void truncatedGguf() throws IOException {
        byte[] whole = Files.readAllBytes(TestModels.writeGguf(TestModels.LLAMA2, dir));
        Path cut = dir.resolve("cut.gguf");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> ModelLoader.load(cut)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("cut.gguf is truncated");
    }

    @Test
    void corruptGguf() throws IOException {
        Path bad = dir.resolve("noise.gguf");
        Files.write(bad, "this is not a model at all".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> ModelLoader.load(bad)).isInstanceOf(ModelFormatException.class)
                .hasMessage("not a GGUF file (bad magic): noise.gguf");
    }

    @Test
    void unsupportedArchitecture() {
        Path gpt2 = dir.resolve("gpt2.gguf");
        GgufWriter.write(gpt2, Map.of("general.architecture", "gpt2"), List.of(new GgufWriter.Entry(
                "token_embd.weight", new long[] {4, 32}, new float[128], DType.F32)));
        assertThatThrownBy(() -> ModelLoader.load(gpt2)).isInstanceOf(ModelFormatException.class)
                .hasMessage("unsupported architecture 'gpt2' in gpt2.gguf (supported: gemma3, llama, phi3, qwen2, qwen3, qwen3moe)");
    }

    @Test
    void unsupportedGgufTensorType() throws IOException {
        Path iq2 = dir.resolve("iq2_xs.gguf");
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(1).putLong(0);
        byte[] name = "blk.0.ffn_down.weight".getBytes(StandardCharsets.US_ASCII);
        b.putLong(name.length).put(name).putInt(2).putLong(256).putLong(1).putInt(17).putLong(0);
        Files.write(iq2, Arrays.copyOf(b.array(), b.position() + 256));
        assertThatThrownBy(() -> ModelLoader.load(iq2)).isInstanceOf(ModelFormatException.class)
                .hasMessage("unsupported tensor type IQ2_XS for tensor blk.0.ffn_down.weight"
                        + " (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K)");
    }

    @Test
    void kQuantFileWithAnUnsupportedTensorType() throws IOException {
        TestModelSpec spec = new TestModelSpec("mix", "llama", 256, 2, 4, 2, 64, 256, 10000f, false, false, false,
                DType.Q8_0, 3);
        Path gguf = TestModels.writeGguf(spec, QuantMix.Q4_K_M, dir);
        byte[] bytes = Files.readAllBytes(gguf);
        // the tensor info is the name, the dimension count, two dimensions, then the type id: Q4_K becomes Q8_K
        byte[] name = "blk.1.ffn_gate.weight".getBytes(StandardCharsets.US_ASCII);
        int typeAt = indexOf(bytes, name) + name.length + 4 + 2 * 8;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buffer.getInt(typeAt)).isEqualTo(12);
        buffer.putInt(typeAt, 15);
        Files.write(gguf, bytes);
        assertThatThrownBy(() -> ModelLoader.load(gguf)).isInstanceOf(ModelFormatException.class)
                .hasMessage("unsupported tensor type Q8_K for tensor blk.1.ffn_gate.weight"
                        + " (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K)");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void unsupportedSafetensorsDtype() throws IOException {
        Path folder = TestModels.writeHf(TestModels.QWEN2, dir, DType.F32);
        String header = "{\"model.embed_tokens.weight\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + header.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).putLong(0);
        Files.write(folder.resolve("model.safetensors"), b.array());
        assertThatThrownBy(() -> ModelLoader.load(folder)).isInstanceOf(ModelFormatException.class)
                .hasMessage("unsupported dtype I64 for tensor model.embed_tokens.weight in model.safetensors"
                        + " (supported: F32, F16, BF16)");
    }

    @Test
    void unsupportedHfArchitecture() throws IOException {
        Path folder = TestModels.writeHf(TestModels.QWEN2, dir, DType.F32);
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"gemma3\"}");
        assertThatThrownBy(() -> ModelLoader.load(folder)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("unsupported architecture 'gemma3'");
    }

    @Test
    void truncatedSafetensors() throws IOException {
        Path folder = TestModels.writeHf(TestModels.QWEN2, dir, DType.F32);
        Path file = folder.resolve("model.safetensors");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 1000));
        assertThatThrownBy(() -> ModelLoader.load(folder)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.safetensors is truncated");
    }

    @Test
    void missingTokenizer() throws IOException {
        Path folder = TestModels.writeHf(TestModels.QWEN2, dir, DType.F32);
        Files.delete(folder.resolve("tokenizer.json"));
        LoadedModel model = ModelLoader.load(folder);
        assertThatThrownBy(model::tokenizer).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("no tokenizer.json in");
    }

    @Test
    void missingModel() {
        assertThatThrownBy(() -> ModelLoader.load(dir.resolve("absent.gguf"))).isInstanceOf(
                ModelFormatException.class).hasMessageContaining("model not found");
    }
}
