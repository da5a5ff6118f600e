package dev.sovereign.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-check: the same suite, the same fixed answers from the fake server, run through
 * the real {@code promptfoo eval} and through {@code sov eval}; both JSON result files must agree on
 * pass/fail for every test and every assertion (model-graded ones on fixed grader answers).
 */
class PromptfooCrossCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void promptfooAndSovEvalGiveTheSameVerdicts() throws Exception {
        PromptfooCli.binary();
        try (FakeOpenAi fake = new FakeOpenAi()) {
            Path suite = CrossCheckSuite.write(dir, fake.baseUrl());
            Path ours = dir.resolve("sov.json");
            Path theirs = dir.resolve("promptfoo.json");
            Evaluation.run(EvalOptions.of(suite).withOutputs(ours, null, null), Map.of(),
                    new PrintWriter(new StringWriter()), new PrintWriter(System.err, true));
            int exit = PromptfooCli.eval(suite, theirs, dir);
            Map<String, String> expected = PromptfooCli.verdicts(JSON.readTree(theirs.toFile()));
            Map<String, String> actual = PromptfooCli.verdicts(JSON.readTree(ours.toFile()));
            assertThat(expected).as("promptfoo graded every test (log: %s)", PromptfooCli.tail(dir.resolve("promptfoo.log")))
                    .hasSize(actual.size());
            assertThat(actual).as("sov eval verdicts (left) against promptfoo's").isEqualTo(expected);
            assertThat(exit).as("promptfoo's exit code when tests fail").isEqualTo(Evaluation.FAILED_TESTS_EXIT);
        }
    }
}
