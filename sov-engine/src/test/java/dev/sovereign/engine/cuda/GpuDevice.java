package dev.sovereign.engine.cuda;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * For {@code @Tag("gpu")} tests: device 0, or the test is skipped with the probe's reason; under SOV_REQUIRE_GPU=1
 * (the device script sets it) a missing device fails instead, so a broken driver set-up cannot pass as skips.
 */
public final class GpuDevice {

    private GpuDevice() {}

    public static CudaDevice require() {
        CudaProbe probe = Cuda.probe();
        if (!probe.available() && "1".equals(System.getenv("SOV_REQUIRE_GPU"))) {
            fail("SOV_REQUIRE_GPU=1 but no CUDA device: " + probe.reason());
        }
        assumeTrue(probe.available(), () -> "no CUDA device: " + probe.reason());
        return probe.device().orElseThrow();
    }
}
