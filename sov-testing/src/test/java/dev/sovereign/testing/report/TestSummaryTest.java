package dev.sovereign.testing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./test's last lines, from report files in Surefire's and Failsafe's format. */
class TestSummaryTest {

    @TempDir
    Path root;

    @Test
    void countsEveryModuleAndListsSkipsByReason() throws IOException {
        write("sov-a/target/surefire-reports/TEST-dev.sovereign.a.GgufTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="dev.sovereign.a.GgufTest" tests="4" errors="0" skipped="2" failures="0">
                  <properties><property name="sov.shared" value="x"/></properties>
                  <testcase name="readsIt" classname="dev.sovereign.a.GgufTest" time="0.1">
                    <skipped message="missing shared data: fixtures/gguf/tiny.gguf (looked in /s; put it there)"/>
                  </testcase>
                  <testcase name="truncates" classname="dev.sovereign.a.GgufTest" time="0.1">
                    <skipped message="missing shared data: fixtures/gguf/tiny.gguf (looked in /s; put it there)"/>
                  </testcase>
                  <testcase name="badMagic" classname="dev.sovereign.a.GgufTest" time="0.1"/>
                  <testcase name="version" classname="dev.sovereign.a.GgufTest" time="0.1"/>
                </testsuite>
                """);
        write("sov-b/target/failsafe-reports/TEST-dev.sovereign.b.StateIT.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="dev.sovereign.b.StateIT" tests="3" errors="1" skipped="1" failures="1">
                  <testcase name="stores" classname="dev.sovereign.b.StateIT" time="0.1">
                    <skipped message="service not answering: PostgreSQL at 127.0.0.1:5432 (start it)"/>
                  </testcase>
                  <testcase name="reads" classname="dev.sovereign.b.StateIT" time="0.1">
                    <failure message="expected: 1&#10;but was: 2" type="org.opentest4j.AssertionFailedError">trace</failure>
                  </testcase>
                  <testcase name="" classname="dev.sovereign.b.StateIT" time="0">
                    <error message="boom" type="java.lang.IllegalStateException">trace</error>
                  </testcase>
                </testsuite>
                """);
        write("sov-b/target/failsafe-reports/failsafe-summary.xml", "<failsafe-summary result=\"255\"/>");

        List<String> lines = summary(1);

        assertThat(lines).containsExactly(
                "test: skipped 2, missing shared data: fixtures/gguf/tiny.gguf: GgufTest.readsIt, GgufTest.truncates",
                "test: skipped 1, service not answering: PostgreSQL at 127.0.0.1:5432: StateIT.stores",
                "test: FAILED 1, boom: StateIT",
                "test: FAILED 1, expected: 1: StateIT.reads",
                "test: 2 passed, 2 failed, 3 skipped",
                "test: 2 skipped for missing shared data; put the shared data folder (fixtures/, datasets/) at "
                        + root.resolveSibling("shared") + " to run them");
    }

    @Test
    void saysWhenTheBuildFailedWithoutAFailingTest() throws IOException {
        write("sov-a/target/surefire-reports/TEST-dev.sovereign.a.OkTest.xml", """
                <testsuite name="dev.sovereign.a.OkTest"><testcase name="ok" classname="dev.sovereign.a.OkTest"/></testsuite>
                """);
        assertThat(summary(1)).containsExactly(
                "test: the build failed outside the tests (exit 1): see the Maven output above; tests of modules that"
                        + " did not build are not counted",
                "test: 1 passed, 0 failed, 0 skipped",
                "test: 0 skipped for missing shared data");
    }

    @Test
    void underCiMissingDataFailsAndTheLastLineSaysWhere() throws IOException {
        String junitMessage = "Failed to evaluate condition [dev.sovereign.testing.SharedDataCondition]: missing shared"
                + " data: fixtures/gguf/tiny.gguf (looked in /s); required because CI=true or SOV_REQUIRE_SHARED=1";
        write("sov-a/target/surefire-reports/TEST-dev.sovereign.a.OracleTest.xml", """
                <testsuite name="dev.sovereign.a.OracleTest">
                  <testcase name="" classname="dev.sovereign.a.OracleTest" time="0.07">
                    <error message="%s" type="org.junit.jupiter.engine.execution.ConditionEvaluationException">trace</error>
                  </testcase>
                </testsuite>
                """.formatted(junitMessage));
        assertThat(summary(1)).containsExactly(
                "test: FAILED 1, missing shared data: fixtures/gguf/tiny.gguf: OracleTest",
                "test: 0 passed, 1 failed, 0 skipped",
                "test: 0 skipped for missing shared data",
                "test: 1 failed for missing shared data (required under CI=true or SOV_REQUIRE_SHARED=1); put the"
                        + " shared data folder (fixtures/, datasets/) at " + root.resolveSibling("shared"));
    }

    @Test
    void aLongReasonIsCut() {
        assertThat(TestSummary.reasonKey("x".repeat(300))).hasSize(203).endsWith("...");
        assertThat(TestSummary.reasonKey("")).isEqualTo("no reason given");
    }

    private List<String> summary(int exitCode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TestSummary(XmlReports.read(root), root.resolveSibling("shared"), exitCode)
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void write(String relative, String xml) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml);
    }
}
