package dev.sovereign.engine.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * FFM downcalls into cuBLAS (libcublas.so.13, or .12 against an older toolkit), created once per process. Enum values
 * are those of cublas_api.h and library_types.h of CUDA 13.
 */
final class CublasApi {

    static final List<String> LIBRARIES = List.of("libcublas.so.13", "libcublas.so.12");
    /** Loaded first from cuBLAS's own directory when there (a wheel directory is on no loader path). */
    private static final List<String> COMPANIONS =
            List.of("libcudart.so.13", "libcudart.so.12", "libcublasLt.so.13", "libcublasLt.so.12");

    static final int CUBLAS_OP_N = 0;
    static final int CUBLAS_OP_T = 1;
    static final int CUDA_R_32F = 0;
    static final int CUDA_R_16BF = 14;
    static final int CUBLAS_COMPUTE_32F = 68;
    static final int CUBLAS_GEMM_DEFAULT = -1;
    static final int CUBLAS_DEFAULT_MATH = 0;

    private static final LoadOnce<CublasApi> LOADED = new LoadOnce<>(() -> new CublasApi(
            NativeLibraryLoader.load(LibrarySearch.ofSystem(), "cuBLAS", LIBRARIES, COMPANIONS)));

    private final MethodHandle cublasCreate;
    private final MethodHandle cublasDestroy;
    private final MethodHandle cublasSetStream;
    private final MethodHandle cublasSetWorkspace;
    private final MethodHandle cublasSetMathMode;
    private final MethodHandle cublasGemmEx;
    private final MethodHandle cublasGetStatusName;
    private final MethodHandle cublasGetStatusString;
    private final String origin;

    private CublasApi(NativeLibraryLoader.Loaded library) {
        origin = library.origin();
        DriverApi.Binder b = new DriverApi.Binder(library.symbols(), origin);
        cublasCreate = b.bind("cublasCreate_v2", ADDRESS);
        cublasDestroy = b.bind("cublasDestroy_v2", ADDRESS);
        cublasSetStream = b.bind("cublasSetStream_v2", ADDRESS, ADDRESS);
        cublasSetWorkspace = b.bind("cublasSetWorkspace_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
        cublasSetMathMode = b.bind("cublasSetMathMode", ADDRESS, JAVA_INT);
        cublasGemmEx = b.bind("cublasGemmEx", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT);
        cublasGetStatusName = b.bindReturning("cublasGetStatusName", ADDRESS, JAVA_INT);
        cublasGetStatusString = b.bindReturning("cublasGetStatusString", ADDRESS, JAVA_INT);
    }

    static CublasApi get() {
        return LOADED.get();
    }

    String origin() {
        return origin;
    }

    void check(int status, String call) {
        if (status != 0) {
            throw new CudaException(call, status, text(cublasGetStatusName, status, "CUBLAS_STATUS " + status),
                    text(cublasGetStatusString, status, "unknown cuBLAS status"));
        }
    }

    private static String text(MethodHandle h, int status, String fallback) {
        try {
            MemorySegment s = (MemorySegment) h.invokeExact(status);
            return s.equals(MemorySegment.NULL) ? fallback : s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            return fallback;
        }
    }

    MemorySegment create() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check(DriverApi.invoke(() -> (int) cublasCreate.invokeExact(out)), "cublasCreate_v2");
            return out.get(ADDRESS, 0);
        }
    }

    void destroy(MemorySegment handle) {
        check(DriverApi.invoke(() -> (int) cublasDestroy.invokeExact(handle)), "cublasDestroy_v2");
    }

    void setStream(MemorySegment handle, MemorySegment stream) {
        check(DriverApi.invoke(() -> (int) cublasSetStream.invokeExact(handle, stream)), "cublasSetStream_v2");
    }

    void setWorkspace(MemorySegment handle, long workspace, long bytes) {
        check(DriverApi.invoke(() -> (int) cublasSetWorkspace.invokeExact(handle, workspace, bytes)),
                "cublasSetWorkspace_v2(bytes=" + bytes + ")");
    }

    void setMathMode(MemorySegment handle, int mode) {
        check(DriverApi.invoke(() -> (int) cublasSetMathMode.invokeExact(handle, mode)),
                "cublasSetMathMode(" + mode + ")");
    }

    /** cublasGemmEx in cuBLAS's column-major terms; alpha and beta are host floats (pointer mode host). */
    void gemmEx(MemorySegment handle, int transA, int transB, int m, int n, int k, MemorySegment alpha, long a,
            int aType, int lda, long b, int bType, int ldb, MemorySegment beta, long c, int cType, int ldc) {
        int status = DriverApi.invoke(() -> (int) cublasGemmEx.invokeExact(handle, transA, transB, m, n, k, alpha, a,
                aType, lda, b, bType, ldb, beta, c, cType, ldc, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
        if (status != 0) {
            check(status, "cublasGemmEx(m=" + m + ", n=" + n + ", k=" + k + ", ctype=" + cType + ")");
        }
    }
}
