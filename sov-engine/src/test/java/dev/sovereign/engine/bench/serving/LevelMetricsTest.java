package dev.sovereign.engine.bench.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The level's figures follow vLLM's definitions, worked out by hand on two requests and a failure. */
class LevelMetricsTest {

    private final RequestRecord a = new RequestRecord(100, 4, List.of(0.5, 0.6, 0.8, 0.9), 1.0, null);
    private final RequestRecord b = new RequestRecord(102, 3, List.of(1.0, 1.5, 2.0), 2.0, null);
    private final LevelMetrics m = LevelMetrics.of(2, List.of(a, b, RequestRecord.failed("503: busy", 0.1)), 2.5, 4);

    @Test
    void throughputsAreOverTheLevelsWallTime() {
        assertThat(m.completed()).isEqualTo(2);
        assertThat(m.failed()).isEqualTo(1);
        assertThat(m.firstError()).isEqualTo("503: busy");
        assertThat(m.outputTokens()).isEqualTo(7);
        assertThat(m.outputThroughput()).isCloseTo(7 / 2.5, within(1e-12));
        assertThat(m.requestThroughput()).isCloseTo(2 / 2.5, within(1e-12));
        assertThat(m.shortRequests()).isEqualTo(1);
    }

    @Test
    void ttftTpotAndItlAreVllms() {
        assertThat(m.ttfts()).containsExactly(0.5, 1.0);
        // TPOT: (latency - TTFT) / (output tokens - 1)
        assertThat(m.tpots().get(0)).isCloseTo((1.0 - 0.5) / 3, within(1e-12));
        assertThat(m.tpots().get(1)).isCloseTo((2.0 - 1.0) / 2, within(1e-12));
        // ITL: every gap between consecutive text chunks of every request
        assertThat(m.itls()).hasSize(5);
        assertThat(m.itls().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(0.4 + 1.0, within(1e-12));
        assertThat(m.itl(50)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void promptTokensAreTheServersCounts() {
        assertThat(m.promptTokensMin()).isEqualTo(100);
        assertThat(m.promptTokensMax()).isEqualTo(102);
        assertThat(m.promptTokensMean()).isCloseTo(101, within(1e-12));
    }
}
