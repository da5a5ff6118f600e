package dev.sovereign.engine.cuda;

import java.lang.foreign.MemorySegment;

/** Page-locked host memory (cuMemHostAlloc) so async copies really overlap and skip the driver's staging copy. */
public final class PinnedBuffer implements AutoCloseable {

    private final CudaDevice device;
    private final MemorySegment segment;
    private boolean closed;

    PinnedBuffer(CudaDevice device, MemorySegment base, long bytes) {
        this.device = device;
        this.segment = base.reinterpret(bytes);
    }

    /** The whole buffer; slice it for copies of part of it. Invalid after {@link #close()}. */
    public MemorySegment segment() {
        if (closed) {
            throw new IllegalStateException("pinned buffer is closed");
        }
        return segment;
    }

    public long bytes() {
        return segment.byteSize();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!device.released()) {
                device.api().freeHost(segment);
            }
        }
    }
}
