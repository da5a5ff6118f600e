package dev.sovereign.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.eval.assertion.GradingResult;
import dev.sovereign.eval.config.AssertionTypes;
import dev.sovereign.eval.run.EvalResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the cross-check suite through our runner against the fake server and checks every
 * assertion's verdict against the suite's {@code metadata.expect}; every assertion type (and its
 * {@code not-} form where the suite has one) must show up passing and failing.
 */
class AssertionVerdictsTest {

    @TempDir
    Path dir;

    @Test
    void everyAssertionGetsItsExpectedVerdictAndEveryTypePassesAndFails() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            Path suite = CrossCheckSuite.write(dir, fake.baseUrl());
            Evaluation.Result result = Evaluation.run(EvalOptions.of(suite), Map.of(),
                    new PrintWriter(new StringWriter()), new PrintWriter(System.err, true));
            Map<String, Set<Boolean>> seen = new HashMap<>();
            for (EvalResult row : result.report().results()) {
                assertThat(row.error()).as("row %s", row.test().description()).isNull();
                String expect = row.test().metadata().get("expect").asText();
                StringBuilder actual = new StringBuilder();
                for (GradingResult c : row.components()) {
                    actual.append(c.pass() ? 'P' : 'F');
                    String type = c.assertion().type();
                    if (c.assertion().weight() != 0) {
                        seen.computeIfAbsent(type, k -> new HashSet<>()).add(c.pass() != c.assertion().inverse());
                    }
                }
                assertThat(actual.toString()).as("verdicts of '%s': %s", row.test().description(), row.components())
                        .isEqualTo(expect);
            }
            Set<String> types = new HashSet<>(AssertionTypes.KNOWN);
            types.removeAll(Set.of("model-graded-factuality", "similar:cosine"));
            for (String type : types) {
                assertThat(seen.get(type)).as("raw outcomes seen for %s", type).containsExactlyInAnyOrder(true, false);
            }
            EvalResult weighted = result.report().results().stream()
                    .filter(r -> r.test().description().equals("threshold and weights")).findFirst().orElseThrow();
            assertThat(weighted.success()).as("a test with a threshold passes on its weighted score").isTrue();
            assertThat(weighted.score()).isEqualTo(0.75);
            assertThat(weighted.namedScores()).containsEntry("accuracy", 2.0 / 3);
            assertThat(result.exitCode()).isEqualTo(Evaluation.FAILED_TESTS_EXIT);
        }
    }
}
