package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaStream;
import dev.sovereign.engine.cuda.DeviceBuffer;
import dev.sovereign.engine.cuda.PinnedBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A pass's packed inputs on their way to the device: the layout, a pinned host copy and the device buffer the
 * kernels (and captured graphs) read, at a fixed address. The host copy may be rewritten only after the stream has
 * passed the previous upload; the runner synchronises at the end of every pass.
 */
final class StagedInputs implements AutoCloseable {

    final PassInputs layout;
    final DeviceBuffer device;
    private final PinnedBuffer pinned;

    StagedInputs(CudaDevice cuda, PassInputs layout) {
        this.layout = layout;
        this.pinned = cuda.allocatePinned(layout.bytes());
        try {
            this.device = cuda.allocate(layout.bytes());
        } catch (RuntimeException e) {
            pinned.close();
            throw e;
        }
    }

    /** The first {@code ints} packed values, in one asynchronous copy. */
    void upload(CudaStream stream, int ints) {
        MemorySegment host = pinned.segment();
        MemorySegment.copy(layout.image(), 0, host, ValueLayout.JAVA_INT_UNALIGNED, 0, ints);
        device.uploadAsync(stream, host.asSlice(0, 4L * ints), 0);
    }

    @Override
    public void close() {
        device.close();
        pinned.close();
    }
}
