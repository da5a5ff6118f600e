package dev.sovereign.engine.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphSizeTest {

    @Test
    void decodeBatchesPadToTheNextGraphSize() {
        assertThat(GpuModelRunner.graphSize(1)).isEqualTo(1);
        assertThat(GpuModelRunner.graphSize(3)).isEqualTo(4);
        assertThat(GpuModelRunner.graphSize(65)).isEqualTo(128);
        assertThat(GpuModelRunner.largestGraphSize(256)).isEqualTo(256);
        assertThat(GpuModelRunner.largestGraphSize(100)).isEqualTo(64);
    }

    @Test
    void noGraphHoldsMoreThanTheLargestSize() {
        assertThatThrownBy(() -> GpuModelRunner.graphSize(257)).hasMessageContaining("257 sequences");
    }
}
