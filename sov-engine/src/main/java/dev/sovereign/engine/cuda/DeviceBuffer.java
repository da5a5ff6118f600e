package dev.sovereign.engine.cuda;

import java.lang.foreign.MemorySegment;

/**
 * Device memory from cuMemAlloc; its contents start undefined. Offsets and lengths are bytes, bounds-checked. The
 * synchronous {@link #upload}/{@link #download} are not ordered with work queued on a {@link CudaStream} (streams are
 * non-blocking): synchronize the stream before a download of what it wrote or an upload over what it reads. An upload
 * has landed in device memory when it returns, so kernels queued afterwards see it.
 */
public final class DeviceBuffer implements AutoCloseable {

    private final CudaDevice device;
    private final DriverApi api;
    private final long address;
    private final long bytes;
    private boolean closed;

    DeviceBuffer(CudaDevice device, long address, long bytes) {
        this.device = device;
        this.api = device.api();
        this.address = address;
        this.bytes = bytes;
    }

    /** The CUdeviceptr, for kernel arguments and cuBLAS. */
    public long address() {
        return address;
    }

    public long bytes() {
        return bytes;
    }

    /** Copies all of {@code src} (native or heap) to {@code dstOffset}; returns when the copy is done. */
    public void upload(MemorySegment src, long dstOffset) {
        checkRange("dstOffset", dstOffset, src.byteSize());
        device.makeCurrent();
        api.copyHostToDevice(address + dstOffset, src, src.byteSize());
    }

    /** Fills all of {@code dst} (native or heap) from {@code srcOffset}; returns when the copy is done. */
    public void download(long srcOffset, MemorySegment dst) {
        checkRange("srcOffset", srcOffset, dst.byteSize());
        device.makeCurrent();
        api.copyDeviceToHost(dst, address + srcOffset, dst.byteSize());
    }

    /** Queues a copy of all of {@code pinnedSrc}; it must stay untouched until the stream passes this point. */
    public void uploadAsync(CudaStream s, MemorySegment pinnedSrc, long dstOffset) {
        requireNative("pinnedSrc", pinnedSrc);
        checkRange("dstOffset", dstOffset, pinnedSrc.byteSize());
        api.copyHostToDeviceAsync(address + dstOffset, pinnedSrc, pinnedSrc.byteSize(), s.handle());
    }

    /** Queues a copy into all of {@code pinnedDst}; read it after synchronizing the stream. */
    public void downloadAsync(CudaStream s, long srcOffset, MemorySegment pinnedDst) {
        requireNative("pinnedDst", pinnedDst);
        checkRange("srcOffset", srcOffset, pinnedDst.byteSize());
        api.copyDeviceToHostAsync(pinnedDst, address + srcOffset, pinnedDst.byteSize(), s.handle());
    }

    /** Queues a copy of {@code bytes} from {@code srcOffset} to {@code dstOffset} within this buffer. */
    public void copyWithin(CudaStream s, long srcOffset, long dstOffset, long bytes) {
        checkRange("srcOffset", srcOffset, bytes);
        checkRange("dstOffset", dstOffset, bytes);
        api.copyDeviceToDeviceAsync(address + dstOffset, address + srcOffset, bytes, s.handle());
    }

    /** Queues a copy of {@code bytes} from {@code srcOffset} of this buffer to {@code dstOffset} of {@code dst}. */
    public void copyTo(CudaStream s, long srcOffset, DeviceBuffer dst, long dstOffset, long bytes) {
        checkRange("srcOffset", srcOffset, bytes);
        dst.checkRange("dstOffset", dstOffset, bytes);
        api.copyDeviceToDeviceAsync(dst.address + dstOffset, address + srcOffset, bytes, s.handle());
    }

    /** Queues setting every byte to {@code value}. */
    public void fill(CudaStream s, byte value) {
        ensureOpen();
        api.fillAsync(address, value, bytes, s.handle());
    }

    private void checkRange(String field, long offset, long length) {
        ensureOpen();
        if (offset < 0 || length < 0 || offset > bytes - length) {
            throw new IllegalArgumentException(field + "=" + offset + " with " + length + " bytes is outside the "
                    + bytes + "-byte device buffer");
        }
    }

    private static void requireNative(String field, MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException(field + " must be native (pinned) memory for an async copy, "
                    + "was a heap segment");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("device buffer of " + bytes + " bytes is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!device.released()) {
                device.makeCurrent();
                api.free(address);
            }
        }
    }
}
