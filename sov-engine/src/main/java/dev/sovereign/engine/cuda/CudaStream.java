package dev.sovereign.engine.cuda;

import java.lang.foreign.MemorySegment;

/** A non-blocking stream: work on it does not wait for the legacy default stream, and it can be captured. */
public final class CudaStream implements AutoCloseable {

    private final CudaDevice device;
    private final DriverApi api;
    private final MemorySegment handle;
    private boolean closed;

    CudaStream(CudaDevice device, MemorySegment handle) {
        this.device = device;
        this.api = device.api();
        this.handle = handle;
    }

    /** Blocks until everything queued so far has run; an asynchronous kernel fault surfaces here. */
    public void synchronize() {
        api.synchronizeStream(handle());
    }

    MemorySegment handle() {
        if (closed) {
            throw new IllegalStateException("CUDA stream is closed");
        }
        return handle;
    }

    DriverApi api() {
        return api;
    }

    CudaDevice device() {
        return device;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!device.released()) {
                api.destroyStream(handle);
            }
        }
    }
}
