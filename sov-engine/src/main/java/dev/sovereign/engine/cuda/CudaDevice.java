package dev.sovereign.engine.cuda;

import java.lang.foreign.MemorySegment;

/**
 * One GPU through its primary context (the context the CUDA runtime and cuBLAS also use, so cuBLAS and our own
 * kernels share memory and streams). Device memory, pinned host memory, streams and modules are created from here.
 * Methods that create things make the context current first; launches and async copies, which run on the engine
 * loop's hot path, rely on {@link #makeCurrent()} having been called on that thread.
 */
public final class CudaDevice implements AutoCloseable {

    private final DriverApi api;
    private final int ordinal;
    private final int handle;
    private final String name;
    private final int computeMajor;
    private final int computeMinor;
    private final int multiprocessors;
    private final MemorySegment context;
    private Cublas cublas;
    private boolean closed;

    private CudaDevice(DriverApi api, int ordinal, int handle, MemorySegment context) {
        this.api = api;
        this.ordinal = ordinal;
        this.handle = handle;
        this.context = context;
        this.name = api.deviceName(handle);
        this.computeMajor = api.attribute(handle, DriverApi.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        this.computeMinor = api.attribute(handle, DriverApi.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        this.multiprocessors = api.attribute(handle, DriverApi.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    }

    static CudaDevice open(DriverApi api, int ordinal) {
        int handle = api.device(ordinal);
        MemorySegment context = api.retainPrimaryContext(handle);
        try {
            api.setCurrent(context);
            return new CudaDevice(api, ordinal, handle, context);
        } catch (RuntimeException e) {
            api.releasePrimaryContext(handle);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public int ordinal() {
        return ordinal;
    }

    public int computeMajor() {
        return computeMajor;
    }

    public int computeMinor() {
        return computeMinor;
    }

    public int multiprocessors() {
        return multiprocessors;
    }

    public long totalMemory() {
        makeCurrent();
        return api.memoryInfo()[1];
    }

    public long freeMemory() {
        makeCurrent();
        return api.memoryInfo()[0];
    }

    /** The driver's CUDA version as major.minor (13.0 for driver 580). */
    public String driverVersion() {
        int v = api.driverVersion();
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    /** Binds this device's primary context to the calling thread; the engine loop thread calls it once. */
    public void makeCurrent() {
        ensureOpen();
        api.setCurrent(context);
    }

    /** Waits for all work on this device's context. */
    public void synchronize() {
        makeCurrent();
        api.synchronizeContext();
    }

    public DeviceBuffer allocate(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be > 0, was " + bytes);
        }
        makeCurrent();
        return new DeviceBuffer(this, api.allocate(bytes), bytes);
    }

    public PinnedBuffer allocatePinned(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be > 0, was " + bytes);
        }
        makeCurrent();
        return new PinnedBuffer(this, api.allocateHost(bytes), bytes);
    }

    public CudaStream newStream() {
        makeCurrent();
        return new CudaStream(this, api.createStream());
    }

    /** Loads {@code kernels/<stem>.fatbin} built from src/main/cuda/<stem>.cu. */
    public KernelModule loadModule(String stem) {
        byte[] image = KernelResources.fatbin(stem);
        makeCurrent();
        return KernelModule.load(this, stem, image);
    }

    /** This device's cuBLAS handle, created on first use. */
    public synchronized Cublas cublas() {
        if (cublas == null) {
            makeCurrent();
            cublas = Cublas.create(CublasApi.get(), this);
        }
        return cublas;
    }

    /** "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs)". */
    public String describe() {
        return name + " (sm_" + computeMajor + computeMinor + ", " + multiprocessors + " SMs)";
    }

    DriverApi api() {
        return api;
    }

    /**
     * Whether this device was closed. Releasing the primary context frees everything made in it, so a buffer, stream,
     * module or graph closed afterwards has nothing left to free and must not call the driver with a dead handle.
     */
    boolean released() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("CUDA device " + ordinal + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (cublas != null) {
            cublas.close();
            cublas = null;
        }
        closed = true;
        api.releasePrimaryContext(handle);
    }

    @Override
    public String toString() {
        return describe();
    }
}
