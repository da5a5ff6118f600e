package dev.sovereign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The annotation run through the real JUnit engine: present runs, absent skips naming the file, required fails. */
class NeedsSharedDataTest {

    @TempDir
    Path shared;

    static class OneFile {
        @Test
        @NeedsSharedData("fixtures/gguf/tiny.gguf")
        void readsIt() {
        }

        @Test
        void needsNothing() {
        }
    }

    @NeedsSharedData({"datasets/pii", "datasets/clinc150/clinc150_full.csv"})
    static class WholeClass {
        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    @Test
    void runsWhenTheFileIsThere() throws IOException {
        Files.createDirectories(shared.resolve("fixtures/gguf"));
        Files.writeString(shared.resolve("fixtures/gguf/tiny.gguf"), "x");
        EngineExecutionResults results = run(OneFile.class, false);
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).skipped(0).failed(0));
    }

    @Test
    void skipsWithOneLineNamingTheMissingFileAndWhereItWasLookedFor() {
        EngineExecutionResults results = run(OneFile.class, false);
        results.testEvents().assertStatistics(s -> s.succeeded(1).skipped(1).failed(0));
        String reason = reasons(results).getFirst();
        assertThat(reason).startsWith("missing shared data: fixtures/gguf/tiny.gguf (looked in " + shared)
                .doesNotContain("\n");
    }

    @Test
    void failsInsteadWhereTheDataIsRequired() {
        EngineExecutionResults results = run(OneFile.class, true);
        results.testEvents().assertStatistics(s -> s.succeeded(1).skipped(0).failed(1));
        Throwable failure = results.testEvents().failed().stream().map(NeedsSharedDataTest::throwable).findFirst()
                .orElseThrow();
        assertThat(failure).hasCauseInstanceOf(MissingPrerequisiteException.class)
                .hasMessageContaining("missing shared data: fixtures/gguf/tiny.gguf")
                .hasMessageContaining("required because CI=true or SOV_REQUIRE_SHARED=1");
    }

    @Test
    void onAClassSkipsAllOfItNamingOnlyWhatIsMissing() throws IOException {
        Files.createDirectories(shared.resolve("datasets/pii"));
        EngineExecutionResults results = run(WholeClass.class, false);
        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(reasons(results)).singleElement().asString()
                .startsWith("missing shared data: datasets/clinc150/clinc150_full.csv (");
    }

    @Test
    void onAClassFailsTheClassWhereRequired() {
        EngineExecutionResults results = run(WholeClass.class, true);
        results.containerEvents().assertStatistics(s -> s.failed(1));
        assertThat(results.containerEvents().failed().stream().map(NeedsSharedDataTest::throwable).findFirst())
                .get().asString().contains("datasets/pii, datasets/clinc150/clinc150_full.csv");
    }

    @Test
    void withoutTheFolderPropertyTheReasonSaysSo() {
        assertThat(SharedData.reason(Optional.empty(), List.of("a.txt")))
                .isEqualTo("missing shared data: a.txt (system property sov.shared is not set"
                        + " (the Maven build sets it to ../shared))");
        assertThat(SharedData.missing(Optional.empty(), List.of("a.txt"))).containsExactly("a.txt");
    }

    @Test
    void fileNamesWhatIsMissing() {
        assertThatThrownBy(() -> SharedData.file("no/such/file.bin")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("missing shared data: no/such/file.bin (");
    }

    private EngineExecutionResults run(Class<?> testClass, boolean required) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .configurationParameter(SharedData.PROPERTY, shared.toString())
                .configurationParameter(SharedDataCondition.REQUIRE_PARAMETER, Boolean.toString(required))
                .execute();
    }

    static List<String> reasons(EngineExecutionResults results) {
        return results.allEvents().skipped().stream().map(e -> e.getPayload(String.class).orElse("")).toList();
    }

    static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }
}
