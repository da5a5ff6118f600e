package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.Cuda;
import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaProbe;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The device the GPU tests run on: the probe's first device, or the test skips with the probe's reason, unless
 * {@code SOV_REQUIRE_GPU=1} (the device machine's script) makes a missing device a failure.
 */
final class GpuTestDevice {

    private static CudaDevice device;

    private GpuTestDevice() {
    }

    static synchronized CudaDevice require() {
        if (device == null) {
            CudaProbe probe = Cuda.probe();
            if (probe.device().isEmpty()) {
                String reason = "no CUDA device: " + probe.reason();
                if ("1".equals(System.getenv("SOV_REQUIRE_GPU"))) {
                    Assertions.fail(reason + " (SOV_REQUIRE_GPU=1)");
                }
                Assumptions.abort(reason);
            }
            device = probe.device().get();
            System.out.println("gpu tests on " + device.name() + " (sm_" + device.computeMajor()
                    + device.computeMinor() + ", " + device.multiprocessors() + " SMs, "
                    + device.totalMemory() / (1L << 20) + " MiB)");
        }
        device.makeCurrent();
        return device;
    }
}
