package dev.sovereign.engine.testmodel;

import dev.sovereign.engine.format.DType;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes GGUF v3 files the way llama.cpp's gguf-py does: typed metadata, tensor infos, 32-byte aligned data. */
public final class GgufWriter {

    private static final int ALIGNMENT = 32;

    /** A tensor to write: float values in row-major order, stored as {@code type}. */
    public record Entry(String name, long[] shape, float[] values, DType type) {
    }

    private GgufWriter() {
    }

    public static void write(Path file, Map<String, Object> metadata, List<Entry> tensors) {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Le out = new Le(raw);
            out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
            out.i32(3);
            out.i64(tensors.size());
            out.i64(metadata.size());
            for (Map.Entry<String, Object> kv : metadata.entrySet()) {
                out.string(kv.getKey());
                value(out, kv.getValue(), true);
            }
            long offset = 0;
            byte[][] data = new byte[tensors.size()][];
            for (int i = 0; i < tensors.size(); i++) {
                Entry t = tensors.get(i);
                out.string(t.name());
                out.i32(t.shape().length);
                for (int d = t.shape().length - 1; d >= 0; d--) {
                    out.i64(t.shape()[d]); // innermost dimension first
                }
                out.i32(ggmlType(t.type()));
                out.i64(offset);
                data[i] = encode(t);
                offset = align(offset + data[i].length);
            }
            out.pad(align(out.written) - out.written);
            for (byte[] d : data) {
                out.bytes(d);
                out.pad(align(d.length) - d.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(Entry t) {
        float[] v = t.values();
        int columns = (int) t.shape()[t.shape().length - 1];
        int rows = v.length / columns;
        long rowBytes = t.type().bytesFor(columns);
        MemorySegment out = Arena.ofAuto().allocate(rowBytes * rows);
        for (int r = 0; r < rows; r++) {
            long at = r * rowBytes;
            int from = r * columns;
            switch (t.type()) {
                case F32 -> MemorySegment.copy(v, from, out, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(
                        ByteOrder.LITTLE_ENDIAN), at, columns);
                case F16 -> {
                    for (int c = 0; c < columns; c++) {
                        out.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), at + 2L * c,
                                Float.floatToFloat16(v[from + c]));
                    }
                }
                case BF16 -> {
                    for (int c = 0; c < columns; c++) {
                        out.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), at + 2L * c,
                                toBf16(v[from + c]));
                    }
                }
                default -> BlockQuantizer.encode(t.type(), v, from, columns, out, at);
            }
        }
        return out.toArray(ValueLayout.JAVA_BYTE);
    }

    /** Round to nearest even, as torch does when casting to bfloat16. */
    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    private static int ggmlType(DType type) {
        return switch (type) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q4_1 -> 3;
            case Q5_0 -> 6;
            case Q5_1 -> 7;
            case Q8_0 -> 8;
            case Q4_K -> 12;
            case Q5_K -> 13;
            case Q6_K -> 14;
            case BF16 -> 30;
        };
    }

    private static void value(Le out, Object v, boolean withType) throws IOException {
        switch (v) {
            case String s -> {
                if (withType) {
                    out.i32(8);
                }
                out.string(s);
            }
            case Integer i -> {
                if (withType) {
                    out.i32(4); // uint32, what llama.cpp expects for hyperparameters and token ids
                }
                out.i32(i);
            }
            case Long l -> {
                if (withType) {
                    out.i32(10);
                }
                out.i64(l);
            }
            case Float f -> {
                if (withType) {
                    out.i32(6);
                }
                out.i32(Float.floatToRawIntBits(f));
            }
            case Boolean b -> {
                if (withType) {
                    out.i32(7);
                }
                out.bytes(new byte[] {(byte) (b ? 1 : 0)});
            }
            case int[] ints -> {
                out.i32(9);
                out.i32(5); // int32 elements: token types
                out.i64(ints.length);
                for (int i : ints) {
                    out.i32(i);
                }
            }
            case float[] floats -> {
                out.i32(9);
                out.i32(6);
                out.i64(floats.length);
                for (float f : floats) {
                    out.i32(Float.floatToRawIntBits(f));
                }
            }
            case List<?> list -> {
                out.i32(9);
                out.i32(8);
                out.i64(list.size());
                for (Object s : list) {
                    out.string(String.valueOf(s));
                }
            }
            default -> throw new IllegalArgumentException("cannot write metadata value " + v.getClass());
        }
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Little-endian output that counts what it wrote. */
    private static final class Le {
        private final DataOutputStream out;
        private long written;

        Le(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        void i32(int v) throws IOException {
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
            written += 4;
        }

        void i64(long v) throws IOException {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            written += 8;
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            bytes(b);
        }

        void bytes(byte[] b) throws IOException {
            out.write(b);
            written += b.length;
        }

        void pad(long n) throws IOException {
            bytes(new byte[(int) n]);
        }
    }
}
