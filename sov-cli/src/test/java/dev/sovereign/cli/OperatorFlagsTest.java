package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code sov operator}'s numeric flags: a bad value is one usage line naming the flag, before any cluster is touched. */
class OperatorFlagsTest extends CliTest {

    @Test
    void aResyncPeriodBelowOneSecondIsRefused() {
        assertUsageError("--resync-seconds: must be at least 1, got 0", "operator", "--resync-seconds", "0");
        assertUsageError("--resync-seconds: must be at least 1, got -5", "operator", "--recheck-seconds", "-5");
    }

    @Test
    void aHealthPortOutsideTheTcpRangeIsRefused() {
        assertUsageError("--health-port: must be 0 (off) to 65535, got 70000", "operator", "--health-port", "70000");
        assertUsageError("--health-port: must be 0 (off) to 65535, got -1", "operator", "--health-port", "-1");
    }
}
