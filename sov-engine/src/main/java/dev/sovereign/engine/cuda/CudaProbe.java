package dev.sovereign.engine.cuda;

import java.util.Optional;

/**
 * What {@link Cuda#probe()} found: the first device, opened, or the reason there is none (no driver library, no
 * device, an initialisation error), phrased for a log line.
 */
public final class CudaProbe {

    private final CudaDevice device;
    private final String reason;

    private CudaProbe(CudaDevice device, String reason) {
        this.device = device;
        this.reason = reason;
    }

    static CudaProbe found(CudaDevice device) {
        return new CudaProbe(device, "found " + device.describe());
    }

    static CudaProbe absent(String reason) {
        return new CudaProbe(null, reason);
    }

    /** Device 0, opened (the caller closes it), or empty. */
    public Optional<CudaDevice> device() {
        return Optional.ofNullable(device);
    }

    public boolean available() {
        return device != null;
    }

    /** Why no device is usable; when one is, a one-line description of it. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason;
    }
}
