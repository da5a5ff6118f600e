package dev.sovereign.engine.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many blocks share one tile's keys (flash-decoding), on an H100's 132 multiprocessors. */
class AttentionSplitsTest {

    private static final int SMS = 132;

    @Test
    void aSingleDecodeRowSpreadsOverTheDeviceUpToSixteenSplits() {
        // a decode graph knows no context length when captured
        assertThat(DecoderPass.splitsFor(1, 256, 1, 2, SMS, Integer.MAX_VALUE)).isEqualTo(16);
        assertThat(DecoderPass.splitsFor(64, 256, 64, 2, SMS, Integer.MAX_VALUE)).isEqualTo(3);
        assertThat(DecoderPass.splitsFor(256, 256, 256, 4, SMS, Integer.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void neverMoreSplitsThanKeyTiles() {
        assertThat(DecoderPass.splitsFor(1, 256, 1, 2, SMS, 20)).isEqualTo(1);
        assertThat(DecoderPass.splitsFor(1, 256, 1, 2, SMS, 65)).isEqualTo(3);
    }

    @Test
    void passesLargerThanThePartialsBufferAreNotSplit() {
        assertThat(DecoderPass.splitsFor(2048, 256, 512, 2, SMS, 2048)).isEqualTo(1);
    }
}
