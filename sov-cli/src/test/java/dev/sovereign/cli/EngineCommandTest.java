package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sovereign.engine.cuda.Cuda;
import dev.sovereign.engine.cuda.CudaProbe;
import org.junit.jupiter.api.Test;

class EngineCommandTest extends CliTest {

    static final String SOV_TINY = System.getProperty("sov.root") + "/models/sov-tiny";

    @Test
    void aGpuQuantizationIsAUsageErrorBeforeAnythingLoads() {
        assertUsageError("--quantization: 'gptq' is not supported by the embedded engine", "engine", "--model",
                "no-such-model.gguf", "--quantization", "gptq");
    }

    @Test
    void theDeviceFlagsAreUsageErrorsNamingTheFlag() {
        assertUsageError("--device must be one of auto, cpu, cuda, got 'gpu'", "engine", "--model", "no-such-model.gguf",
                "--device", "gpu");
        assertUsageError("--gpu-memory-utilization must be above 0 and at most 1, got 1.5", "engine", "--model",
                "no-such-model.gguf", "--gpu-memory-utilization", "1.5");
        assertUsageError("--gpu-memory-utilization must be above 0 and at most 1, got 0.0", "generate", "--model",
                "no-such-model.gguf", "--prompt", "x", "--gpu-memory-utilization", "0");
    }

    @Test
    void cudaWithoutADeviceIsOneLineAndExit1() {
        assumeNoGpu();
        assertThat(run("engine", "--model", SOV_TINY, "--device", "cuda", "--port", "0")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("sov engine: --device cuda: ")
                .contains("--device cpu runs on the CPU").doesNotContain("Exception", "\tat ");
        err.getBuffer().setLength(0);
        assertThat(run("generate", "--model", SOV_TINY, "--prompt", "x", "--device", "cuda")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("sov generate: --device cuda: ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void generateOnAutoRunsOnTheCpuWhenNoGpuAnswers() {
        assumeNoGpu();
        assertThat(run("generate", "--model", SOV_TINY, "--prompt", "Hello", "--max-tokens", "3", "--threads", "1"))
                .isZero();
        assertThat(out.toString()).isNotBlank();
    }

    private static void assumeNoGpu() {
        CudaProbe probe = Cuda.probe();
        probe.device().ifPresent(d -> d.close());
        assumeThat(probe.available()).as("this machine has a GPU: " + probe.reason()).isFalse();
    }
}
