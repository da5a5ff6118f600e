package dev.sovereign.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;

/** A loaded fatbin; the driver picks the sm_XX machine code or JIT-compiles the PTX for a newer GPU. */
public final class KernelModule implements AutoCloseable {

    private final CudaDevice device;
    private final DriverApi api;
    private final String stem;
    private final MemorySegment module;
    private final Map<String, Kernel> kernels = new HashMap<>();
    private boolean closed;

    private KernelModule(CudaDevice device, String stem, MemorySegment module) {
        this.device = device;
        this.api = device.api();
        this.stem = stem;
        this.module = module;
    }

    static KernelModule load(CudaDevice device, String stem, byte[] image) {
        try (Arena arena = Arena.ofConfined()) {
            // the driver copies the image; a trailing zero keeps a PTX image a valid C string
            MemorySegment copy = arena.allocate(image.length + 1L, 16);
            MemorySegment.copy(image, 0, copy, ValueLayout.JAVA_BYTE, 0, image.length);
            return new KernelModule(device, stem, device.api().loadModule(copy, stem + ".fatbin"));
        }
    }

    /** The {@code extern "C"} kernel of that name, looked up once. */
    public synchronized Kernel kernel(String externCName) {
        if (closed) {
            throw new IllegalStateException("kernel module " + stem + " is closed");
        }
        return kernels.computeIfAbsent(externCName,
                n -> new Kernel(api, stem + "." + n, api.function(module, n, stem)));
    }

    public String stem() {
        return stem;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (!device.released()) {
                api.unloadModule(module);
            }
        }
    }
}
