package dev.sovereign.engine.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.model.RopeStyle;
import dev.sovereign.engine.runner.KvBlockPool;
import org.junit.jupiter.api.Test;

class GpuKvSizingTest {

    private static final long GIB = 1L << 30;

    @Test
    void utilizationIsMeasuredAgainstTheTotalLessWhatIsAlreadyUsed() {
        // 80 GiB device, 70 GiB free after weights and buffers: 0.9 * 80 - 10 = 62 GiB for the cache
        assertThat(new GpuKvSizing(0.9, 0).kvBudget(80 * GIB, 70 * GIB)).isEqualTo(62 * GIB);
        // another process holding memory counts against the share too
        assertThat(new GpuKvSizing(0.5, 0).kvBudget(80 * GIB, 30 * GIB)).isEqualTo(-10 * GIB);
    }

    @Test
    void fixedBytesWinOverTheUtilization() {
        assertThat(new GpuKvSizing(0.9, 123_456).kvBudget(80 * GIB, 1)).isEqualTo(123_456);
    }

    @Test
    void refusesABadUtilizationNamingTheFlag() {
        assertThatThrownBy(() -> new GpuKvSizing(0, 0)).hasMessageContaining("--gpu-memory-utilization");
        assertThatThrownBy(() -> new GpuKvSizing(1.5, 0)).hasMessageContaining("--gpu-memory-utilization");
        assertThatThrownBy(() -> new GpuKvSizing(Double.NaN, 0)).hasMessageContaining("--gpu-memory-utilization");
        assertThatThrownBy(() -> new GpuKvSizing(0.9, -1)).hasMessageContaining("KV cache bytes");
    }

    @Test
    void aTokenTakesWhatItTakesInTheCpuPool() {
        ModelConfig qwen05 = new ModelConfig("qwen2", 896, 24, 14, 2, 64, 4864, 151_936, 32_768, 1e-6f, 1e6f, 64,
                RopeStyle.NEOX, null, true, false);
        assertThat(GpuModelRunner.bytesPerToken(qwen05)).isEqualTo(KvBlockPool.bytesPerToken(qwen05))
                .isEqualTo(12_288);
        assertThat(GpuKvPool.blocksFor(qwen05, 12_288L * 16 * 10 + 5)).isEqualTo(10);
        assertThat(GpuKvPool.blocksFor(qwen05, -5)).isZero();
    }
}
