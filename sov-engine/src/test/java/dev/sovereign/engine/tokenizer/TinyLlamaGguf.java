package dev.sovereign.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a minimal one-layer Llama GGUF (F32 random weights) around a given vocabulary, just enough for llama.cpp
 * to load it so that its tokenizer can serve as the oracle for that vocabulary.
 */
final class TinyLlamaGguf {
    private static final int ALIGNMENT = 32;
    private static final int EMBED = 8;
    private static final int FEED_FORWARD = 16;

    private TinyLlamaGguf() {
    }

    static Path write(Path file, Map<String, Object> tokenizerMetadata) {
        int vocab = ((List<?>) tokenizerMetadata.get("tokenizer.ggml.tokens")).size();
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("general.architecture", "llama");
        kv.put("general.name", "sovereign tiny tokenizer carrier");
        kv.put("llama.context_length", 256);
        kv.put("llama.embedding_length", EMBED);
        kv.put("llama.block_count", 1);
        kv.put("llama.feed_forward_length", FEED_FORWARD);
        kv.put("llama.attention.head_count", 2);
        kv.put("llama.attention.head_count_kv", 2);
        kv.put("llama.rope.dimension_count", EMBED / 2);
        kv.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        kv.putAll(tokenizerMetadata);

        Map<String, long[]> tensors = new LinkedHashMap<>();
        tensors.put("token_embd.weight", new long[] {EMBED, vocab});
        tensors.put("output_norm.weight", new long[] {EMBED});
        tensors.put("output.weight", new long[] {EMBED, vocab});
        tensors.put("blk.0.attn_norm.weight", new long[] {EMBED});
        tensors.put("blk.0.attn_q.weight", new long[] {EMBED, EMBED});
        tensors.put("blk.0.attn_k.weight", new long[] {EMBED, EMBED});
        tensors.put("blk.0.attn_v.weight", new long[] {EMBED, EMBED});
        tensors.put("blk.0.attn_output.weight", new long[] {EMBED, EMBED});
        tensors.put("blk.0.ffn_norm.weight", new long[] {EMBED});
        tensors.put("blk.0.ffn_gate.weight", new long[] {EMBED, FEED_FORWARD});
        tensors.put("blk.0.ffn_up.weight", new long[] {EMBED, FEED_FORWARD});
        tensors.put("blk.0.ffn_down.weight", new long[] {FEED_FORWARD, EMBED});

        Out out = new Out();
        out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        out.u32(3);
        out.u64(tensors.size());
        out.u64(kv.size());
        kv.forEach((key, value) -> {
            out.string(key);
            out.value(value);
        });
        long offset = 0;
        for (Map.Entry<String, long[]> t : tensors.entrySet()) {
            out.string(t.getKey());
            out.u32(t.getValue().length);
            for (long d : t.getValue()) {
                out.u64(d); // innermost dimension first, as GGUF lists them
            }
            out.u32(0); // F32
            out.u64(offset);
            offset += align(elements(t.getValue()) * 4);
        }
        out.pad();
        Random random = new Random(7);
        for (long[] shape : tensors.values()) {
            long n = elements(shape);
            for (long i = 0; i < n; i++) {
                out.f32(shape.length == 1 ? 1f : (float) (random.nextGaussian() * 0.02));
            }
            out.pad();
        }
        try {
            Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Little-endian GGUF primitives. */
    private static final class Out extends ByteArrayOutputStream {
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void u32(int v) {
            scratch.clear();
            write(scratch.putInt(v).array(), 0, 4);
        }

        void u64(long v) {
            scratch.clear();
            write(scratch.putLong(v).array(), 0, 8);
        }

        void f32(float v) {
            scratch.clear();
            write(scratch.putFloat(v).array(), 0, 4);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void pad() {
            while (size() % ALIGNMENT != 0) {
                write(0);
            }
        }

        void value(Object v) {
            switch (v) {
                case String s -> {
                    u32(8);
                    string(s);
                }
                case Integer i -> {
                    u32(4);
                    u32(i);
                }
                case Float f -> {
                    u32(6);
                    f32(f);
                }
                case Boolean b -> {
                    u32(7);
                    write(b ? 1 : 0);
                }
                case int[] ints -> {
                    u32(9);
                    u32(5);
                    u64(ints.length);
                    for (int i : ints) {
                        u32(i);
                    }
                }
                case float[] floats -> {
                    u32(9);
                    u32(6);
                    u64(floats.length);
                    for (float f : floats) {
                        f32(f);
                    }
                }
                case List<?> list -> {
                    u32(9);
                    u32(8);
                    u64(list.size());
                    list.forEach(s -> string((String) s));
                }
                default -> throw new IllegalArgumentException("no GGUF encoding for " + v.getClass());
            }
        }
    }
}
