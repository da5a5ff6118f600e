package dev.sovereign.engine.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * FFM downcalls into the CUDA driver API (libcuda.so.1), created once per process. Every method checks the
 * CUresult and throws {@link CudaException} naming the call; handles (contexts, streams, modules, functions, graphs)
 * travel as {@link MemorySegment} addresses, device pointers as {@code long}. The {@code _v2} entry points are bound
 * where cuda.h maps the plain name onto them, as a program compiled against the headers would.
 */
final class DriverApi {

    static final String LIBRARY = "libcuda.so.1";

    static final int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    static final int CU_STREAM_NON_BLOCKING = 0x1;
    static final int CU_MEMHOSTALLOC_PORTABLE = 0x1;
    /** Only this thread's unsafe calls break a capture: another engine thread's sync copy must not. */
    static final int CU_STREAM_CAPTURE_MODE_THREAD_LOCAL = 1;

    private static final LoadOnce<DriverApi> LOADED = new LoadOnce<>(() -> new DriverApi(NativeLibraryLoader.load(
            LibrarySearch.ofSystem(), "the CUDA driver (" + LIBRARY + ")", List.of(LIBRARY), List.of())));

    private final MethodHandle cuGetErrorName;
    private final MethodHandle cuGetErrorString;
    private final MethodHandle cuInit;
    private final MethodHandle cuDriverGetVersion;
    private final MethodHandle cuDeviceGetCount;
    private final MethodHandle cuDeviceGet;
    private final MethodHandle cuDeviceGetName;
    private final MethodHandle cuDeviceGetAttribute;
    private final MethodHandle cuDevicePrimaryCtxRetain;
    private final MethodHandle cuDevicePrimaryCtxRelease;
    private final MethodHandle cuCtxSetCurrent;
    private final MethodHandle cuCtxSynchronize;
    private final MethodHandle cuMemGetInfo;
    private final MethodHandle cuMemAlloc;
    private final MethodHandle cuMemFree;
    private final MethodHandle cuMemHostAlloc;
    private final MethodHandle cuMemFreeHost;
    private final MethodHandle cuMemcpyHtoD;
    private final MethodHandle cuMemcpyHtoDHeap;
    private final MethodHandle cuMemcpyDtoH;
    private final MethodHandle cuMemcpyDtoHHeap;
    private final MethodHandle cuMemcpyHtoDAsync;
    private final MethodHandle cuMemcpyDtoHAsync;
    private final MethodHandle cuMemcpyDtoDAsync;
    private final MethodHandle cuMemsetD8Async;
    private final MethodHandle cuStreamCreate;
    private final MethodHandle cuStreamDestroy;
    private final MethodHandle cuStreamSynchronize;
    private final MethodHandle cuModuleLoadData;
    private final MethodHandle cuModuleUnload;
    private final MethodHandle cuModuleGetFunction;
    private final MethodHandle cuLaunchKernel;
    private final MethodHandle cuStreamBeginCapture;
    private final MethodHandle cuStreamEndCapture;
    private final MethodHandle cuGraphInstantiateWithFlags;
    private final MethodHandle cuGraphExecUpdate;
    private final MethodHandle cuGraphLaunch;
    private final MethodHandle cuGraphDestroy;
    private final MethodHandle cuGraphExecDestroy;

    private final String origin;
    private boolean initialised;

    private DriverApi(NativeLibraryLoader.Loaded library) {
        this.origin = library.origin();
        Binder b = new Binder(library.symbols(), origin);
        cuGetErrorName = b.bind("cuGetErrorName", JAVA_INT, ADDRESS);
        cuGetErrorString = b.bind("cuGetErrorString", JAVA_INT, ADDRESS);
        cuInit = b.bind("cuInit", JAVA_INT);
        cuDriverGetVersion = b.bind("cuDriverGetVersion", ADDRESS);
        cuDeviceGetCount = b.bind("cuDeviceGetCount", ADDRESS);
        cuDeviceGet = b.bind("cuDeviceGet", ADDRESS, JAVA_INT);
        cuDeviceGetName = b.bind("cuDeviceGetName", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceGetAttribute = b.bind("cuDeviceGetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
        cuDevicePrimaryCtxRetain = b.bind("cuDevicePrimaryCtxRetain", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRelease = b.bind("cuDevicePrimaryCtxRelease_v2", JAVA_INT);
        cuCtxSetCurrent = b.bind("cuCtxSetCurrent", ADDRESS);
        // cuCtxSynchronize_v2 (CUDA 13) takes a context; the plain one syncs the current context on every driver.
        cuCtxSynchronize = b.bind("cuCtxSynchronize");
        cuMemGetInfo = b.bind("cuMemGetInfo_v2", ADDRESS, ADDRESS);
        cuMemAlloc = b.bind("cuMemAlloc_v2", ADDRESS, JAVA_LONG);
        cuMemFree = b.bind("cuMemFree_v2", JAVA_LONG);
        cuMemHostAlloc = b.bind("cuMemHostAlloc", ADDRESS, JAVA_LONG, JAVA_INT);
        cuMemFreeHost = b.bind("cuMemFreeHost", ADDRESS);
        cuMemcpyHtoD = b.bind("cuMemcpyHtoD_v2", JAVA_LONG, ADDRESS, JAVA_LONG);
        cuMemcpyDtoH = b.bind("cuMemcpyDtoH_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
        // Heap arrays (weights read into a float[] or byte[]) need a critical downcall, which may address the heap.
        cuMemcpyHtoDHeap = b.bindCritical("cuMemcpyHtoD_v2", JAVA_LONG, ADDRESS, JAVA_LONG);
        cuMemcpyDtoHHeap = b.bindCritical("cuMemcpyDtoH_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
        cuMemcpyHtoDAsync = b.bind("cuMemcpyHtoDAsync_v2", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        cuMemcpyDtoHAsync = b.bind("cuMemcpyDtoHAsync_v2", ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS);
        cuMemcpyDtoDAsync = b.bind("cuMemcpyDtoDAsync_v2", JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS);
        cuMemsetD8Async = b.bind("cuMemsetD8Async", JAVA_LONG, JAVA_BYTE, JAVA_LONG, ADDRESS);
        cuStreamCreate = b.bind("cuStreamCreate", ADDRESS, JAVA_INT);
        cuStreamDestroy = b.bind("cuStreamDestroy_v2", ADDRESS);
        cuStreamSynchronize = b.bind("cuStreamSynchronize", ADDRESS);
        cuModuleLoadData = b.bind("cuModuleLoadData", ADDRESS, ADDRESS);
        cuModuleUnload = b.bind("cuModuleUnload", ADDRESS);
        cuModuleGetFunction = b.bind("cuModuleGetFunction", ADDRESS, ADDRESS, ADDRESS);
        cuLaunchKernel = b.bind("cuLaunchKernel", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        cuStreamBeginCapture = b.bind("cuStreamBeginCapture_v2", ADDRESS, JAVA_INT);
        cuStreamEndCapture = b.bind("cuStreamEndCapture", ADDRESS, ADDRESS);
        cuGraphInstantiateWithFlags = b.bind("cuGraphInstantiateWithFlags", ADDRESS, ADDRESS, JAVA_LONG);
        cuGraphExecUpdate = b.bind("cuGraphExecUpdate_v2", ADDRESS, ADDRESS, ADDRESS);
        cuGraphLaunch = b.bind("cuGraphLaunch", ADDRESS, ADDRESS);
        cuGraphDestroy = b.bind("cuGraphDestroy", ADDRESS);
        cuGraphExecDestroy = b.bind("cuGraphExecDestroy", ADDRESS);
    }

    /** The process-wide bindings; a failed load is remembered and reported the same way on every later call. */
    static DriverApi get() {
        return LOADED.get();
    }

    /** Where the driver library was loaded from. */
    String origin() {
        return origin;
    }

    // ---- status -------------------------------------------------------------------------------------------------

    void check(int status, String call) {
        if (status != 0) {
            throw new CudaException(call, status, errorName(status), errorString(status));
        }
    }

    String errorName(int status) {
        return describe(cuGetErrorName, status, "CUDA error " + status);
    }

    String errorString(int status) {
        return describe(cuGetErrorString, status, "unknown error");
    }

    private static String describe(MethodHandle lookup, int status, String fallback) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) lookup.invokeExact(status, out);
            MemorySegment text = out.get(ADDRESS, 0);
            return rc == 0 && !text.equals(MemorySegment.NULL) ? text.reinterpret(4096).getString(0) : fallback;
        } catch (Throwable t) {
            return fallback;
        }
    }

    // ---- initialisation and devices ------------------------------------------------------------------------------

    synchronized void init() {
        if (!initialised) {
            check(invoke(() -> (int) cuInit.invokeExact(0)), "cuInit(0)");
            initialised = true;
        }
    }

    int driverVersion() {
        return intOut(out -> (int) cuDriverGetVersion.invokeExact(out), "cuDriverGetVersion");
    }

    int deviceCount() {
        return intOut(out -> (int) cuDeviceGetCount.invokeExact(out), "cuDeviceGetCount");
    }

    int device(int ordinal) {
        return intOut(out -> (int) cuDeviceGet.invokeExact(out, ordinal), "cuDeviceGet(ordinal=" + ordinal + ")");
    }

    String deviceName(int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(256);
            check(invoke(() -> (int) cuDeviceGetName.invokeExact(name, 256, device)), "cuDeviceGetName");
            return name.getString(0);
        }
    }

    int attribute(int device, int attribute) {
        return intOut(out -> (int) cuDeviceGetAttribute.invokeExact(out, attribute, device),
                "cuDeviceGetAttribute(attribute=" + attribute + ")");
    }

    MemorySegment retainPrimaryContext(int device) {
        return addressOut(out -> (int) cuDevicePrimaryCtxRetain.invokeExact(out, device),
                "cuDevicePrimaryCtxRetain(device=" + device + ")");
    }

    void releasePrimaryContext(int device) {
        check(invoke(() -> (int) cuDevicePrimaryCtxRelease.invokeExact(device)), "cuDevicePrimaryCtxRelease_v2");
    }

    void setCurrent(MemorySegment context) {
        check(invoke(() -> (int) cuCtxSetCurrent.invokeExact(context)), "cuCtxSetCurrent");
    }

    void synchronizeContext() {
        check(invoke(() -> (int) cuCtxSynchronize.invokeExact()), "cuCtxSynchronize");
    }

    /** {free, total} bytes of the current context's device. */
    long[] memoryInfo() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment free = arena.allocate(JAVA_LONG);
            MemorySegment total = arena.allocate(JAVA_LONG);
            check(invoke(() -> (int) cuMemGetInfo.invokeExact(free, total)), "cuMemGetInfo_v2");
            return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
        }
    }

    // ---- memory ---------------------------------------------------------------------------------------------------

    long allocate(long bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            check(invoke(() -> (int) cuMemAlloc.invokeExact(out, bytes)), "cuMemAlloc_v2(bytes=" + bytes + ")");
            return out.get(JAVA_LONG, 0);
        }
    }

    void free(long devicePointer) {
        check(invoke(() -> (int) cuMemFree.invokeExact(devicePointer)), "cuMemFree_v2");
    }

    MemorySegment allocateHost(long bytes) {
        return addressOut(out -> (int) cuMemHostAlloc.invokeExact(out, bytes, CU_MEMHOSTALLOC_PORTABLE),
                "cuMemHostAlloc(bytes=" + bytes + ")");
    }

    void freeHost(MemorySegment host) {
        check(invoke(() -> (int) cuMemFreeHost.invokeExact(host)), "cuMemFreeHost");
    }

    void copyHostToDevice(long dst, MemorySegment src, long bytes) {
        MethodHandle h = src.isNative() ? cuMemcpyHtoD : cuMemcpyHtoDHeap;
        check(invoke(() -> (int) h.invokeExact(dst, src, bytes)), "cuMemcpyHtoD_v2(bytes=" + bytes + ")");
        // From pageable memory the call returns once the data is staged, before the DMA lands; work on our
        // non-blocking streams is not ordered after the legacy stream the copy ran on, so wait for it here.
        check(invoke(() -> (int) cuStreamSynchronize.invokeExact(MemorySegment.NULL)),
                "cuStreamSynchronize(legacy stream, after cuMemcpyHtoD_v2)");
    }

    void copyDeviceToHost(MemorySegment dst, long src, long bytes) {
        MethodHandle h = dst.isNative() ? cuMemcpyDtoH : cuMemcpyDtoHHeap;
        check(invoke(() -> (int) h.invokeExact(dst, src, bytes)), "cuMemcpyDtoH_v2(bytes=" + bytes + ")");
    }

    void copyHostToDeviceAsync(long dst, MemorySegment src, long bytes, MemorySegment stream) {
        int status = invoke(() -> (int) cuMemcpyHtoDAsync.invokeExact(dst, src, bytes, stream));
        if (status != 0) {
            check(status, "cuMemcpyHtoDAsync_v2(bytes=" + bytes + ")");
        }
    }

    void copyDeviceToHostAsync(MemorySegment dst, long src, long bytes, MemorySegment stream) {
        int status = invoke(() -> (int) cuMemcpyDtoHAsync.invokeExact(dst, src, bytes, stream));
        if (status != 0) {
            check(status, "cuMemcpyDtoHAsync_v2(bytes=" + bytes + ")");
        }
    }

    void copyDeviceToDeviceAsync(long dst, long src, long bytes, MemorySegment stream) {
        int status = invoke(() -> (int) cuMemcpyDtoDAsync.invokeExact(dst, src, bytes, stream));
        if (status != 0) {
            check(status, "cuMemcpyDtoDAsync_v2(bytes=" + bytes + ")");
        }
    }

    void fillAsync(long dst, byte value, long bytes, MemorySegment stream) {
        int status = invoke(() -> (int) cuMemsetD8Async.invokeExact(dst, value, bytes, stream));
        if (status != 0) {
            check(status, "cuMemsetD8Async(bytes=" + bytes + ")");
        }
    }

    // ---- streams, modules, launches, graphs ------------------------------------------------------------------------

    MemorySegment createStream() {
        return addressOut(out -> (int) cuStreamCreate.invokeExact(out, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    }

    void destroyStream(MemorySegment stream) {
        check(invoke(() -> (int) cuStreamDestroy.invokeExact(stream)), "cuStreamDestroy_v2");
    }

    void synchronizeStream(MemorySegment stream) {
        int status = invoke(() -> (int) cuStreamSynchronize.invokeExact(stream));
        if (status != 0) {
            check(status, "cuStreamSynchronize");
        }
    }

    MemorySegment loadModule(MemorySegment image, String name) {
        return addressOut(out -> (int) cuModuleLoadData.invokeExact(out, image), "cuModuleLoadData(" + name + ")");
    }

    void unloadModule(MemorySegment module) {
        check(invoke(() -> (int) cuModuleUnload.invokeExact(module)), "cuModuleUnload");
    }

    MemorySegment function(MemorySegment module, String name, String moduleName) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            return addressOut(out -> (int) cuModuleGetFunction.invokeExact(out, module, cName),
                    "cuModuleGetFunction(" + moduleName + ", " + name + ")");
        }
    }

    void launch(MemorySegment function, int gx, int gy, int gz, int bx, int by, int bz, int sharedBytes,
            MemorySegment stream, MemorySegment params, String name) {
        int status = invoke(() -> (int) cuLaunchKernel.invokeExact(function, gx, gy, gz, bx, by, bz, sharedBytes,
                stream, params, MemorySegment.NULL));
        if (status != 0) {
            check(status, "cuLaunchKernel(" + name + ", grid=" + gx + "x" + gy + "x" + gz + ", block=" + bx + "x" + by
                    + "x" + bz + ", shared=" + sharedBytes + ")");
        }
    }

    void beginCapture(MemorySegment stream) {
        check(invoke(() -> (int) cuStreamBeginCapture.invokeExact(stream, CU_STREAM_CAPTURE_MODE_THREAD_LOCAL)),
                "cuStreamBeginCapture_v2");
    }

    MemorySegment endCapture(MemorySegment stream) {
        return addressOut(out -> (int) cuStreamEndCapture.invokeExact(stream, out), "cuStreamEndCapture");
    }

    MemorySegment instantiate(MemorySegment graph) {
        return addressOut(out -> (int) cuGraphInstantiateWithFlags.invokeExact(out, graph, 0L),
                "cuGraphInstantiateWithFlags");
    }

    /** Tries to update {@code exec} in place to {@code graph}'s parameters; false when the topology differs. */
    boolean updateGraph(MemorySegment exec, MemorySegment graph) {
        try (Arena arena = Arena.ofConfined()) {
            // CUgraphExecUpdateResultInfo: {CUgraphExecUpdateResult result; CUgraphNode errorNode, errorFromNode}
            MemorySegment info = arena.allocate(24, 8);
            int status = invoke(() -> (int) cuGraphExecUpdate.invokeExact(exec, graph, info));
            if (status == 0) {
                return true;
            }
            if (errorName(status).equals("CUDA_ERROR_GRAPH_EXEC_UPDATE_FAILURE")) {
                return false;
            }
            check(status, "cuGraphExecUpdate_v2");
            return false;
        }
    }

    void launchGraph(MemorySegment exec, MemorySegment stream) {
        int status = invoke(() -> (int) cuGraphLaunch.invokeExact(exec, stream));
        if (status != 0) {
            check(status, "cuGraphLaunch");
        }
    }

    void destroyGraph(MemorySegment graph) {
        check(invoke(() -> (int) cuGraphDestroy.invokeExact(graph)), "cuGraphDestroy");
    }

    void destroyGraphExec(MemorySegment exec) {
        check(invoke(() -> (int) cuGraphExecDestroy.invokeExact(exec)), "cuGraphExecDestroy");
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface NativeCall {
        int call() throws Throwable;
    }

    @FunctionalInterface
    interface OutCall {
        int call(MemorySegment out) throws Throwable;
    }

    static int invoke(NativeCall call) {
        try {
            return call.call();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int intOut(OutCall call, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check(invoke(() -> call.call(out)), name);
            return out.get(JAVA_INT, 0);
        }
    }

    private MemorySegment addressOut(OutCall call, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check(invoke(() -> call.call(out)), name);
            return out.get(ADDRESS, 0);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed: " + t, t);
    }

    /** Looks symbols up in one library and makes downcall handles returning a status int. */
    static final class Binder {
        private final SymbolLookup symbols;
        private final String origin;
        private final Linker linker = Linker.nativeLinker();

        Binder(SymbolLookup symbols, String origin) {
            this.symbols = symbols;
            this.origin = origin;
        }

        MethodHandle bind(String name, java.lang.foreign.MemoryLayout... args) {
            return linker.downcallHandle(symbol(name), FunctionDescriptor.of(JAVA_INT, args));
        }

        MethodHandle bindCritical(String name, java.lang.foreign.MemoryLayout... args) {
            return linker.downcallHandle(symbol(name), FunctionDescriptor.of(JAVA_INT, args),
                    Linker.Option.critical(true));
        }

        MethodHandle bindReturning(String name, java.lang.foreign.MemoryLayout result,
                java.lang.foreign.MemoryLayout... args) {
            return linker.downcallHandle(symbol(name), FunctionDescriptor.of(result, args));
        }

        private MemorySegment symbol(String name) {
            return symbols.find(name).orElseThrow(() -> new CudaException(
                    origin + " has no symbol " + name + ": the library is older than this build needs"));
        }
    }
}
