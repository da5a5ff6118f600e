package dev.sovereign.engine.cuda;

import java.lang.foreign.MemorySegment;

/** Page-locked host memory (cuMemHostAlloc) so async copies really overlap and skip the driver's staging copy. */
public final class PinnedBuffer implements AutoCloseable {

    private final DriverApi api;
    private final MemorySegment segment;
    private boolean closed;

    PinnedBuffer(DriverApi api, MemorySegment base, long bytes) {
        this.api = api;
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
            api.freeHost(segment);
        }
    }
}
