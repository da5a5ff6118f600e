package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sovereign.engine.cuda.Cuda;
import dev.sovereign.engine.cuda.CudaProbe;
import dev.sovereign.engine.sampling.SamplingOptions;
import org.junit.jupiter.api.Test;

/**
 * {@code --device} on the machine the tests run on: {@code auto} takes what the CUDA probe finds and says why it fell
 * back; {@code cuda} without a device is one error naming the flag; the engine reports where it runs in its metrics.
 * The cases that need a machine without a GPU skip on a GPU machine (the GPU tests cover that side).
 */
class DeviceChoiceTest {

    private static boolean gpuPresent() {
        CudaProbe probe = Cuda.probe();
        probe.device().ifPresent(d -> d.close());
        return probe.available();
    }

    @Test
    void cpuAndCudaAreTakenAsAskedWithoutProbing() {
        assertThat(DeviceChoice.resolve(EngineDevice.CPU)).isEqualTo(new DeviceChoice(EngineDevice.CPU, "--device cpu"));
        assertThat(DeviceChoice.resolve(EngineDevice.CUDA).device()).isEqualTo(EngineDevice.CUDA);
    }

    @Test
    void autoFallsBackToTheCpuWithTheProbesReason() {
        CudaProbe probe = Cuda.probe();
        probe.device().ifPresent(d -> d.close());
        assumeThat(probe.available()).as("this machine has a GPU: " + probe.reason()).isFalse();
        DeviceChoice choice = DeviceChoice.resolve(EngineDevice.AUTO);
        assertThat(choice.device()).isEqualTo(EngineDevice.CPU);
        assertThat(choice.reason()).isEqualTo("no usable GPU: " + probe.reason());
        try (ServingEngine engine = new ServingEngine(SovTiny.model(), EngineSettings.defaults("sov-tiny")
                .withDevice(EngineDevice.AUTO).withMaxModelLen(64).withKvCacheBytes(8L << 20).withThreads(1))) {
            assertThat(engine.device().device()).isEqualTo("cpu");
            assertThat(engine.generate(new int[] {1, 2, 3}, SamplingOptions.greedy(4).ignoringEos()).join().tokens())
                    .hasSize(4);
            assertThat(engine.metrics().render()).contains("sov_engine_device_info{model_name=\"sov-tiny\",device=\"cpu\","
                    + "name=\"" + System.getProperty("os.arch") + ", 1 threads\"} 1.0");
        }
    }

    @Test
    void cudaWithoutADeviceIsOneErrorNamingTheFlag() {
        assumeThat(gpuPresent()).as("this machine has a GPU").isFalse();
        assertThatThrownBy(() -> new ServingEngine(SovTiny.model(), EngineSettings.defaults("sov-tiny")
                .withDevice(EngineDevice.CUDA).withMaxModelLen(64)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("--device cuda: ")
                .hasMessageEndingWith("(--device cpu runs on the CPU, --device auto picks the GPU only when one answers)");
    }
}
