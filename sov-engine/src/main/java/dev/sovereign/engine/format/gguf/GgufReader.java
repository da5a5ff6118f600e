package dev.sovereign.engine.format.gguf;

import dev.sovereign.engine.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A bounds-checked little-endian cursor over the GGUF header; every overrun is reported as truncation. */
final class GgufReader {

    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment segment;
    private final String fileName;
    private long position;

    GgufReader(MemorySegment segment, String fileName) {
        this.segment = segment;
        this.fileName = fileName;
    }

    long position() {
        return position;
    }

    private long take(long bytes) {
        if (bytes < 0 || position + bytes > segment.byteSize()) {
            throw new ModelFormatException("GGUF file " + fileName + " is truncated: needs byte " + (position + bytes)
                    + " but has " + segment.byteSize());
        }
        long at = position;
        position += bytes;
        return at;
    }

    int u8() {
        return segment.get(ValueLayout.JAVA_BYTE, take(1)) & 0xff;
    }

    int i32() {
        return segment.get(I32, take(4));
    }

    long i64() {
        return segment.get(I64, take(8));
    }

    /** A count that must fit the remaining bytes, so a corrupt length fails cleanly instead of allocating. */
    int count(long minBytesEach, String what) {
        long n = i64();
        if (n < 0 || n > Integer.MAX_VALUE || n * Math.max(1, minBytesEach) > segment.byteSize() - position) {
            throw new ModelFormatException("GGUF file " + fileName + " is truncated or corrupt: " + what + " count " + n
                    + " does not fit the file");
        }
        return (int) n;
    }

    String string() {
        int length = count(1, "string length");
        long at = take(length);
        byte[] bytes = segment.asSlice(at, length).toArray(ValueLayout.JAVA_BYTE);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    Object value(int type) {
        return switch (type) {
            case 0 -> u8();
            case 1 -> (int) segment.get(ValueLayout.JAVA_BYTE, take(1));
            case 2 -> segment.get(I16, take(2)) & 0xffff;
            case 3 -> (int) segment.get(I16, take(2));
            case 4, 5 -> i32();
            case 6 -> segment.get(F32, take(4));
            case 7 -> u8() != 0;
            case 8 -> string();
            case 9 -> array();
            case 10, 11 -> i64();
            case 12 -> segment.get(F64, take(8));
            default -> throw new ModelFormatException("GGUF file " + fileName + " is corrupt: unknown value type "
                    + type + " at byte " + position);
        };
    }

    private Object array() {
        int elementType = i32();
        int n = count(elementType == 8 ? 8 : 1, "array");
        switch (elementType) {
            case 4, 5 -> {
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    values[i] = i32();
                }
                return values;
            }
            case 6 -> {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = segment.get(F32, take(4));
                }
                return values;
            }
            case 8 -> {
                List<String> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(string());
                }
                return Collections.unmodifiableList(values);
            }
            default -> {
                List<Object> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(value(elementType));
                }
                return Collections.unmodifiableList(values);
            }
        }
    }
}
