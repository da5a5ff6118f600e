package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: help, one-line usage errors with exit 2, validate's output and exit codes. */
class SovCommandTest extends CliTest {

    @TempDir
    Path dir;

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: sov", "serve", "validate");
    }

    @Test
    void unknownSubcommandIsOneLineAndExit2() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("sov: ").contains("frobnicate").endsWith("(see 'sov --help')");
    }

    @Test
    void unknownFlagIsOneLineAndExit2() {
        assertThat(run("validate", "--strictest", "x.yaml")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("sov validate: Unknown option: '--strictest'");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("missing command");
    }

    @Test
    void typoInASubcommandGetsASuggestion() {
        assertThat(run("valdate")).isEqualTo(2);
        assertThat(err.toString()).contains("did you mean validate");
    }

    @Test
    void validateSummarisesValidFilesAndExits0() {
        Path examples = Path.of(System.getProperty("sov.root"), "examples", "models");
        assertThat(run("validate", examples.toString())).isZero();
        assertThat(out.toString().lines()).hasSize(4).allSatisfy(line -> assertThat(line).contains(": valid: InferenceService "));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void validateListsEveryProblemAndExits1() throws IOException {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: good}
                spec: {model: {repository: org/good}}
                """);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: bad}
                spec:
                  model: {repository: org/bad, contextWindow: 10}
                  scaling: {minReplicas: 5, maxReplicas: 2}
                """);
        assertThat(run("validate", good.toString(), bad.toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith(good + ": valid: InferenceService good (org/good@main");
        assertThat(err.toString().lines()).containsExactly(
                bad + ":5: spec.model.contextWindow: must be >= 1024 (got 10)");
    }

    @Test
    void validateReportsRuleViolationsOnceTheSchemaHolds() throws IOException {
        Path bad = dir.resolve("rules.yaml");
        Files.writeString(bad, """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: bad}
                spec:
                  model: {repository: org/bad}
                  scaling: {minReplicas: 5, maxReplicas: 2}
                  engineArgs: [--max-model-len=9]
                """);
        assertThat(run("validate", bad.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                bad + ":6: spec.scaling.minReplicas: scaling.minReplicas must be <= scaling.maxReplicas",
                bad + ":7: spec.engineArgs[0]: --max-model-len is managed by the platform: use spec.model.contextWindow instead");
    }

    @Test
    void serveNamesABadTimeScaleOrDrain() {
        assertThat(run("serve", "--models", ".", "--port", "0", "--time-scale", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("--time-scale must be positive");
        assertThat(run("serve", "--models", ".", "--port", "0", "--drain-seconds", "-1")).isEqualTo(1);
        assertThat(err.toString()).contains("--drain-seconds must be zero or more, got -1");
    }

    @Test
    void serveNamesAMissingModelsFolder() {
        assertThat(run("serve", "--models", "no-such-folder", "--port", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("--models: no such folder no-such-folder");
    }
}
