package dev.sovereign.engine.cuda;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A device's cuBLAS handle. It owns a fixed workspace so that GEMMs captured into a CUDA graph never allocate during
 * capture. Not thread-safe: the engine loop thread is its only user.
 */
public final class Cublas implements AutoCloseable {

    /** NVIDIA's recommended workspace for Hopper; plenty for the bf16 GEMMs of decoding. */
    static final long WORKSPACE_BYTES = 32L << 20;

    private final CublasApi api;
    private final MemorySegment handle;
    private final DeviceBuffer workspace;
    private final MemorySegment alpha;
    private final MemorySegment beta;
    private MemorySegment boundStream;
    private boolean closed;

    private Cublas(CublasApi api, MemorySegment handle, DeviceBuffer workspace) {
        this.api = api;
        this.handle = handle;
        this.workspace = workspace;
        Arena arena = Arena.ofAuto();
        this.alpha = arena.allocate(JAVA_FLOAT);
        this.beta = arena.allocate(JAVA_FLOAT);
        alpha.set(JAVA_FLOAT, 0, 1f);
    }

    static Cublas create(CublasApi api, CudaDevice device) {
        MemorySegment handle = api.create();
        try {
            api.setMathMode(handle, CublasApi.CUBLAS_DEFAULT_MATH);
            DeviceBuffer workspace = device.allocate(WORKSPACE_BYTES);
            api.setWorkspace(handle, workspace.address(), WORKSPACE_BYTES);
            return new Cublas(api, handle, workspace);
        } catch (RuntimeException e) {
            api.destroy(handle);
            throw e;
        }
    }

    /**
     * Y[M][N] = X[M][K] · W[N][K]^T + beta·Y, all row-major (W as HF stores a Linear's weight); X and W bf16, Y f32
     * or bf16, accumulation in f32. cuBLAS is column-major, where a row-major matrix reads as its transpose, so this
     * computes Y^T = W · X^T: W taken transposed (OP_T, lda K), X as is (OP_N, ldb K), Y^T with ldc N.
     */
    public void linear(CudaStream s, int m, int n, int k, long x, long w, long y, boolean yIsF32, float beta) {
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("linear: m, n and k must be > 0, were m=" + m + " n=" + n + " k=" + k);
        }
        if (closed) {
            throw new IllegalStateException("cuBLAS handle is closed");
        }
        bind(s);
        this.beta.set(JAVA_FLOAT, 0, beta);
        api.gemmEx(handle, CublasApi.CUBLAS_OP_T, CublasApi.CUBLAS_OP_N, n, m, k, alpha, w, CublasApi.CUDA_R_16BF, k,
                x, CublasApi.CUDA_R_16BF, k, this.beta, y, yIsF32 ? CublasApi.CUDA_R_32F : CublasApi.CUDA_R_16BF, n);
    }

    private void bind(CudaStream s) {
        MemorySegment stream = s.handle();
        if (!stream.equals(boundStream)) {
            api.setStream(handle, stream);
            // cublasSetStream resets the workspace to the library's own pool, which may allocate during a capture
            api.setWorkspace(handle, workspace.address(), WORKSPACE_BYTES);
            boundStream = stream;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            api.destroy(handle);
            workspace.close();
        }
    }
}
