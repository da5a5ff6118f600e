package dev.sovereign.engine.bench.gpu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.tokenizer.TinyVocabularies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Writes a random-weight Hugging Face folder of a Qwen2-shaped model in bf16, streamed tensor by tensor: the testmodel
 * writers hold every weight as a float array, which a 7B shape (15 GB of bf16) cannot afford. Values follow their
 * scheme (uniform, {@code gain * sqrt(3 / columns)}, norms near 1, small biases), each chunk drawn in parallel from a
 * seed of its own so the file is the same on every run. The vocabulary is the project's BPE one padded with special
 * tokens to the real size, as {@code WriteBenchModel} pads its GGUF, so every sampled id detokenizes.
 */
public final class Bf16ModelWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 22; // values drawn per task
    private static final String CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /** The shape of a Qwen2 decoder; head dimension is {@code dim / heads}. */
    public record Shape(String name, int vocab, int dim, int layers, int heads, int kvHeads, int ffn, boolean tied,
                        int context) {

        public static final Shape QWEN25_05B = new Shape("qwen2.5-0.5b-shape", 151936, 896, 24, 14, 2, 4864, true, 32768);
        public static final Shape QWEN25_7B = new Shape("qwen2.5-7b-shape", 152064, 3584, 28, 28, 4, 18944, false, 32768);

        int headDim() {
            return dim / heads;
        }

        /** Every tensor, HF names and shapes, with the scale its values are drawn at. */
        List<TensorPlan> tensors() {
            int kv = kvHeads * headDim();
            List<TensorPlan> t = new ArrayList<>();
            t.add(TensorPlan.matrix("model.embed_tokens.weight", vocab, dim, 1f));
            for (int l = 0; l < layers; l++) {
                String p = "model.layers." + l + ".";
                t.add(TensorPlan.norm(p + "input_layernorm.weight", dim));
                t.add(TensorPlan.matrix(p + "self_attn.q_proj.weight", dim, dim, 2f));
                t.add(TensorPlan.matrix(p + "self_attn.k_proj.weight", kv, dim, 2f));
                t.add(TensorPlan.matrix(p + "self_attn.v_proj.weight", kv, dim, 1f));
                t.add(TensorPlan.bias(p + "self_attn.q_proj.bias", dim));
                t.add(TensorPlan.bias(p + "self_attn.k_proj.bias", kv));
                t.add(TensorPlan.bias(p + "self_attn.v_proj.bias", kv));
                t.add(TensorPlan.matrix(p + "self_attn.o_proj.weight", dim, dim, 1f));
                t.add(TensorPlan.norm(p + "post_attention_layernorm.weight", dim));
                t.add(TensorPlan.matrix(p + "mlp.gate_proj.weight", ffn, dim, 1f));
                t.add(TensorPlan.matrix(p + "mlp.up_proj.weight", ffn, dim, 1f));
                t.add(TensorPlan.matrix(p + "mlp.down_proj.weight", dim, ffn, 1f));
            }
            t.add(TensorPlan.norm("model.norm.weight", dim));
            if (!tied) {
                t.add(TensorPlan.matrix("lm_head.weight", vocab, dim, 4f));
            }
            return t;
        }

        long parameters() {
            return tensors().stream().mapToLong(TensorPlan::count).sum();
        }
    }

    /**
     * One tensor: values uniform in {@code center ± bound}.
     */
    record TensorPlan(String name, long[] shape, float center, float bound) {

        static TensorPlan matrix(String name, int rows, int columns, float gain) {
            return new TensorPlan(name, new long[] {rows, columns}, 0, (float) (gain * Math.sqrt(3.0 / columns)));
        }

        static TensorPlan norm(String name, int n) {
            return new TensorPlan(name, new long[] {n}, 1, 0.2f);
        }

        static TensorPlan bias(String name, int n) {
            return new TensorPlan(name, new long[] {n}, 0, 0.2f);
        }

        long count() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private Bf16ModelWriter() {
    }

    /** Writes {@code <dir>/<shape name>} unless a complete copy is there already; returns the folder. */
    public static Path write(Shape shape, Path dir, long seed) {
        Path folder = dir.resolve(shape.name());
        Path done = folder.resolve(".complete");
        if (Files.exists(done)) {
            return folder;
        }
        try {
            Files.createDirectories(folder);
            writeSafetensors(shape, folder.resolve("model.safetensors"), seed);
            Files.writeString(folder.resolve("config.json"), config(shape).toPrettyString());
            TinyVocabularies vocabulary = TinyVocabularies.qwenStyle();
            Files.writeString(folder.resolve("tokenizer.json"), paddedTokenizer(vocabulary, shape.vocab()));
            Files.writeString(folder.resolve("tokenizer_config.json"), vocabulary.tokenizerConfigJson(CHATML));
            Files.writeString(folder.resolve("generation_config.json"),
                    JSON.createObjectNode().put("eos_token_id", vocabulary.id("<|im_end|>")).toPrettyString());
            Files.writeString(done, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static void writeSafetensors(Shape shape, Path file, long seed) throws IOException {
        List<TensorPlan> tensors = shape.tensors();
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (TensorPlan t : tensors) {
            ObjectNode info = header.putObject(t.name());
            info.put("dtype", "BF16");
            ArrayNode dims = info.putArray("shape");
            for (long d : t.shape()) {
                dims.add(d);
            }
            info.putArray("data_offsets").add(offset).add(offset + 2 * t.count());
            offset += 2 * t.count();
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            head.flip();
            out.write(head, 0);
            long position = 8 + padded;
            for (int i = 0; i < tensors.size(); i++) {
                writeTensor(out, position, tensors.get(i), seed * 1_000_003L + i);
                position += 2 * tensors.get(i).count();
            }
        }
    }

    /** Draws the tensor's values chunk by chunk on every core and writes each chunk where it belongs. */
    private static void writeTensor(FileChannel out, long position, TensorPlan t, long seed) {
        long count = t.count();
        int chunks = (int) ((count + CHUNK - 1) / CHUNK);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            long from = (long) c * CHUNK;
            int n = (int) Math.min(CHUNK, count - from);
            SplittableRandom random = new SplittableRandom(seed * 65_537L + c);
            ByteBuffer bytes = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < n; k++) {
                float v = t.center() + (float) ((random.nextDouble() * 2 - 1) * t.bound());
                bytes.putShort(bf16(v));
            }
            bytes.flip();
            try {
                long at = position + 2 * from;
                while (bytes.hasRemaining()) {
                    at += out.write(bytes, at);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Round to nearest even, as PyTorch converts to bf16 (no NaNs are drawn here). */
    static short bf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    static ObjectNode config(Shape s) {
        TinyVocabularies vocabulary = TinyVocabularies.qwenStyle();
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("Qwen2ForCausalLM");
        c.put("model_type", "qwen2");
        c.put("hidden_size", s.dim());
        c.put("intermediate_size", s.ffn());
        c.put("num_hidden_layers", s.layers());
        c.put("num_attention_heads", s.heads());
        c.put("num_key_value_heads", s.kvHeads());
        c.put("hidden_act", "silu");
        c.put("max_position_embeddings", s.context());
        c.put("rms_norm_eps", 1e-6);
        c.put("rope_theta", 1000000.0);
        c.put("tie_word_embeddings", s.tied());
        c.put("vocab_size", s.vocab());
        c.put("use_sliding_window", false);
        c.put("bos_token_id", vocabulary.id("<|endoftext|>"));
        c.put("eos_token_id", vocabulary.id("<|im_end|>"));
        c.put("torch_dtype", "bfloat16");
        return c;
    }

    /** The project's tokenizer.json with special {@code <|pad_i|>} tokens up to the model's vocabulary. */
    static String paddedTokenizer(TinyVocabularies vocabulary, int vocab) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(vocabulary.tokenizerJson());
        ArrayNode added = (ArrayNode) root.get("added_tokens");
        for (int id = vocabulary.tokens().size(); id < vocab; id++) {
            added.addObject().put("id", id).put("content", "<|pad_" + id + "|>").put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        return root.toString();
    }
}
