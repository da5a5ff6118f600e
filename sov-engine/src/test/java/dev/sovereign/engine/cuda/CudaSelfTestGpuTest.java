package dev.sovereign.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every check of {@link CudaSelfTest} on device 0: driver, copies, kernels, cuBLAS, graphs, errors. */
@Tag("gpu")
class CudaSelfTestGpuTest {

    @Test
    void everyCheckPasses() {
        GpuDevice.require().close();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<CudaSelfTest.Check> checks = CudaSelfTest.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String report = printed.toString(StandardCharsets.UTF_8);

        assertThat(checks).as(report).allMatch(CudaSelfTest.Check::passed);
        assertThat(checks).extracting(CudaSelfTest.Check::name).as(report).contains("probe", "sync copies",
                "kernel int+float+pointer args (saxpy)", "graph captured, replayed 3x, updated",
                "cuBLAS linear bf16 -> bf16 (7x896x896)", "device-to-device bandwidth", "CudaException on a bad call");
    }
}
