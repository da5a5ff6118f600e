package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.GpuDevice;
import dev.sovereign.engine.gpu.GpuModelRunner;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.testmodel.MoeTestModels;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --device} on a GPU machine, end to end through {@link ServingEngine}: auto picks the GPU and says so in the
 * metrics; the bundled sov-tiny answers its arithmetic on the GPU as on the CPU; the KV pool is what
 * {@code --kv-cache-bytes} fixes or what {@code --gpu-memory-utilization} leaves; too small a pool is an error naming
 * the flag. Skips with the probe's reason without a device (fails under SOV_REQUIRE_GPU=1).
 */
@Tag("gpu")
class GpuServingEngineTest {

    private static final String QUESTION = "What is 12 + 30?";

    private static String deviceName() {
        try (CudaDevice device = GpuDevice.require()) {
            return device.name();
        }
    }

    @Test
    void autoChoosesTheGpuAndSovTinyAnswersAsOnTheCpu() {
        String name = deviceName();
        LoadedModel model = SovTiny.model();
        EngineSettings settings = EngineSettings.defaults("sov-tiny").withMaxModelLen(512).withMaxNumSeqs(4);
        String onCpu;
        try (ServingEngine cpu = new ServingEngine(model, settings.withKvCacheBytes(32L << 20).withThreads(2))) {
            onCpu = answer(cpu);
        }
        try (ServingEngine gpu = new ServingEngine(model, settings.withDevice(EngineDevice.AUTO))) {
            assertThat(gpu.device()).isEqualTo(new DeviceInfo("cuda", name));
            assertThat(gpu.stepTokenBudget()).isEqualTo(EngineSettings.GPU_BATCHED_TOKENS);
            assertThat(gpu.metrics().render()).contains("sov_engine_device_info{model_name=\"sov-tiny\",device=\"cuda\","
                    + "name=\"" + name + "\"} 1.0");
            String onGpu = answer(gpu);
            System.out.println("sov-tiny on the CPU: " + onCpu + " | on " + name + ": " + onGpu);
            assertThat(onCpu).contains("42");
            assertThat(onGpu).contains("42");
        }
    }

    @Test
    void theKvPoolIsWhatTheFlagsSay() {
        deviceName();
        LoadedModel model = SovTiny.model();
        long perBlock = (long) BlockManager.BLOCK_SIZE * GpuModelRunner.bytesPerToken(model.config());
        EngineSettings settings = EngineSettings.defaults("sov-tiny").withDevice(EngineDevice.CUDA).withMaxModelLen(256);
        try (ServingEngine fixed = new ServingEngine(model, settings.withKvCacheBytes(100 * perBlock + 5))) {
            assertThat(fixed.kvCacheBlocks()).isEqualTo(100);
            assertThat(fixed.kvCacheBytes()).isEqualTo(100 * perBlock);
        }
        long small;
        long large;
        try (ServingEngine share = new ServingEngine(model, settings.withGpuMemoryUtilization(0.3))) {
            small = share.kvCacheBytes();
        }
        try (ServingEngine share = new ServingEngine(model, settings.withGpuMemoryUtilization(0.6))) {
            large = share.kvCacheBytes();
        }
        try (CudaDevice device = GpuDevice.require()) {
            // twice the share of the same total: the pool grows by about 0.3 of the device, weights unchanged
            assertThat((double) (large - small) / device.totalMemory()).isBetween(0.28, 0.32);
        }
        assertThatThrownBy(() -> new ServingEngine(model, settings.withKvCacheBytes(4 * perBlock)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--kv-cache-bytes " + 4 * perBlock + " leaves a KV cache of 64 tokens, fewer "
                        + "than one sequence of --max-model-len 256 needs");
    }

    /**
     * A model the GPU decoder does not run (a mixture of experts): {@code auto} serves it on the CPU and {@code cuda}
     * refuses it, naming the architecture.
     */
    @Test
    void autoLeavesAModelTheGpuCannotRunOnTheCpu(@TempDir Path dir) {
        deviceName();
        LoadedModel mixtral = ModelLoader.load(MoeTestModels.writeGguf(MoeTestModels.MIXTRAL, dir));
        EngineSettings settings = EngineSettings.defaults("mixtral-tiny").withMaxModelLen(64).withKvCacheBytes(8L << 20)
                .withThreads(1);
        try (ServingEngine engine = new ServingEngine(mixtral, settings.withDevice(EngineDevice.AUTO))) {
            assertThat(engine.device().device()).isEqualTo("cpu");
            assertThat(engine.generate(new int[] {72, 101, 300}, SamplingOptions.greedy(4)).join().tokens()).hasSize(4);
        }
        assertThatThrownBy(() -> new ServingEngine(mixtral, settings.withDevice(EngineDevice.CUDA)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--device cpu");
    }

    private static String answer(ServingEngine engine) {
        Tokenizer tokenizer = engine.tokenizer();
        String prompt = engine.model().chatTemplate().render(List.of(Map.of("role", "user", "content", QUESTION)),
                List.of(), true, Map.of());
        return engine.generate(tokenizer.encode(prompt, false, true), SamplingOptions.greedy(12)).join().text();
    }
}
