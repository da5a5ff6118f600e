package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code sov render --eval-suite}: the suite's ConfigMap and CronJob, flags applied, bad input one line. */
class RenderEvalSuiteCommandTest extends CliTest {

    private static final Path SUITE = Path.of(System.getProperty("sov.root", "..")).resolve("examples/eval/sov-tiny.yaml");

    @Test
    void flagsReachTheCronJob() {
        assertThat(run("render", "--eval-suite", SUITE.toString(), "--schedule", "30 3 * * 1", "--time-zone", "UTC",
                "--gateway-url", "http://sov-gateway.sovereign.svc:8080/v1", "--push-url", "none",
                "--eval-namespace", "quality")).isZero();
        assertThat(out.toString()).contains("kind: ConfigMap", "kind: CronJob", "name: eval-sov-tiny",
                        "namespace: quality", "schedule: 30 3 * * 1", "timeZone: UTC", "- /suite/sov-tiny.yaml",
                        "value: http://sov-gateway.sovereign.svc:8080/v1", "  sov-tiny.yaml: |")
                .doesNotContain("--push-url", "kind: Deployment");
    }

    @Test
    void noInputAndABadScheduleAreOneLineErrors() {
        assertThat(run("render")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().contains("--eval-suite");
        err.getBuffer().setLength(0);
        assertThat(run("render", "--eval-suite", SUITE.toString(), "--schedule", "nightly")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().contains("--schedule");
    }
}
