package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.DeviceBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** Test arrays in device memory in the encodings the kernels read: f32, bf16, F16 and int32; closed together. */
final class DeviceArrays implements AutoCloseable {

    private final CudaDevice device;
    private final List<DeviceBuffer> buffers = new ArrayList<>();

    DeviceArrays(CudaDevice device) {
        this.device = device;
    }

    DeviceBuffer zeros(long bytes) {
        DeviceBuffer b = device.allocate(Math.max(4, bytes));
        buffers.add(b);
        try (Arena arena = Arena.ofConfined()) {
            b.upload(arena.allocate(b.bytes()), 0);
        }
        return b;
    }

    DeviceBuffer f32(float[] values) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(4L * values.length + 4);
            MemorySegment.copy(values, 0, host, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, values.length);
            return upload(host);
        }
    }

    DeviceBuffer ints(int[] values) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(4L * values.length + 4);
            MemorySegment.copy(values, 0, host, ValueLayout.JAVA_INT_UNALIGNED, 0, values.length);
            return upload(host);
        }
    }

    /** The values rounded to bf16 (what the kernel sees; the caller's reference should use {@link #bf16Values}). */
    DeviceBuffer bf16(float[] values) {
        return halves(values, Bf16::round);
    }

    DeviceBuffer f16(float[] values) {
        return halves(values, Float::floatToFloat16);
    }

    /** How a float becomes a 16-bit value. */
    private interface Encoding {
        short encode(float value);
    }

    private DeviceBuffer halves(float[] values, Encoding encoding) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(2L * values.length + 4);
            for (int i = 0; i < values.length; i++) {
                host.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i, encoding.encode(values[i]));
            }
            return upload(host);
        }
    }

    static float[] bf16Values(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Bf16.toFloat(Bf16.round(values[i]));
        }
        return out;
    }

    static float[] f16Values(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.float16ToFloat(Float.floatToFloat16(values[i]));
        }
        return out;
    }

    static float[] readF32(DeviceBuffer b, int count) {
        return read(b, 0, count, 4, (host, i) -> host.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * i));
    }

    static float[] readBf16(DeviceBuffer b, int count) {
        return read(b, 0, count, 2, (host, i) -> Bf16.toFloat(host.get(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i)));
    }

    static float[] readF16(DeviceBuffer b, int count) {
        return read(b, 0, count, 2, (host, i) -> Float.float16ToFloat(host.get(ValueLayout.JAVA_SHORT_UNALIGNED,
                2L * i)));
    }

    /** How element {@code i} of a downloaded array reads as a float. */
    private interface Element {
        float at(MemorySegment host, int i);
    }

    private static float[] read(DeviceBuffer b, long offset, int count, int bytesEach, Element element) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate((long) bytesEach * count);
            b.download(offset, host);
            float[] out = new float[count];
            for (int i = 0; i < count; i++) {
                out[i] = element.at(host, i);
            }
            return out;
        }
    }

    private DeviceBuffer upload(MemorySegment host) {
        DeviceBuffer b = device.allocate(host.byteSize());
        buffers.add(b);
        b.upload(host, 0);
        return b;
    }

    @Override
    public void close() {
        buffers.forEach(DeviceBuffer::close);
    }
}
