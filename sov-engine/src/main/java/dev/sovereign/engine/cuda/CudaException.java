package dev.sovereign.engine.cuda;

/**
 * A CUDA driver or cuBLAS call that failed, or a CUDA library that could not be found. The message names the call
 * (with the arguments that matter) and the library's own name and text for the error, so one log line is enough to
 * tell an out-of-memory from a bad launch from a missing driver.
 */
public final class CudaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int code;

    CudaException(String message) {
        super(message);
        this.call = "";
        this.code = -1;
    }

    CudaException(String message, Throwable cause) {
        super(message, cause);
        this.call = "";
        this.code = -1;
    }

    CudaException(String call, int code, String errorName, String errorText) {
        super(call + " failed: " + errorName + " (" + errorText + ")");
        this.call = call;
        this.code = code;
    }

    /** The failed call as written in the message, empty when no call failed (a library not found). */
    public String call() {
        return call;
    }

    /** The CUresult or cublasStatus_t, -1 when no call failed. */
    public int code() {
        return code;
    }
}
