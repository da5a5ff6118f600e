package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The step token budget: what is set, else a default sized to the threads (on a GPU vLLM's 2,048) and never below one
 * token a sequence; the device flags' limits, each error naming its flag.
 */
class EngineSettingsTest {

    @Test
    void theDefaultBudgetGrowsWithTheThreadsAndCoversEverySequence() {
        EngineSettings two = EngineSettings.defaults("m").withThreads(2).withMaxNumSeqs(16);
        assertThat(two.stepTokenBudget()).isEqualTo(2 * EngineSettings.DEFAULT_BATCHED_TOKENS_PER_THREAD);
        assertThat(two.withThreads(16).stepTokenBudget()).isEqualTo(16 * EngineSettings.DEFAULT_BATCHED_TOKENS_PER_THREAD);
        assertThat(two.withMaxNumSeqs(1000).stepTokenBudget()).isEqualTo(1000);
    }

    @Test
    void aBudgetThatIsSetIsKept() {
        assertThat(EngineSettings.defaults("m").withMaxBatchedTokens(48).stepTokenBudget()).isEqualTo(48);
    }

    @Test
    void onAGpuTheDefaultBudgetIsVllms() {
        EngineSettings settings = EngineSettings.defaults("m").withThreads(2).withMaxNumSeqs(16);
        DeviceInfo gpu = new DeviceInfo("cuda", "a GPU");
        assertThat(settings.stepTokenBudget(gpu)).isEqualTo(EngineSettings.GPU_BATCHED_TOKENS);
        assertThat(settings.withMaxNumSeqs(4096).stepTokenBudget(gpu)).isEqualTo(4096);
        assertThat(settings.withMaxBatchedTokens(48).stepTokenBudget(gpu)).isEqualTo(48);
        assertThat(settings.stepTokenBudget(DeviceInfo.cpu(2))).isEqualTo(settings.stepTokenBudget());
    }

    @Test
    void theGpuShareIsAboveZeroAndAtMostOne() {
        EngineSettings settings = EngineSettings.defaults("m");
        assertThat(settings.gpuMemoryUtilization()).isEqualTo(0.9);
        assertThat(settings.withGpuMemoryUtilization(1).gpuMemoryUtilization()).isEqualTo(1);
        for (double bad : new double[] {0, -0.5, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> settings.withGpuMemoryUtilization(bad)).as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--gpu-memory-utilization must be above 0 and at most 1, got " + bad);
        }
    }

    @Test
    void programsGetTheCpuUnlessTheyAskAndTheDeviceIsNamedByItsFlag() {
        assertThat(EngineSettings.defaults("m").device()).isEqualTo(EngineDevice.CPU);
        assertThat(EngineDevice.parse(" CUDA", "--device")).isEqualTo(EngineDevice.CUDA);
        assertThat(EngineDevice.parse("auto", "--device")).isEqualTo(EngineDevice.AUTO);
        assertThatThrownBy(() -> EngineDevice.parse("gpu", "spec.engine.device"))
                .hasMessage("spec.engine.device must be one of auto, cpu, cuda, got 'gpu'");
        assertThatThrownBy(() -> EngineSettings.defaults("m").withDevice(null))
                .hasMessage("--device must be one of auto, cpu, cuda");
    }
}
