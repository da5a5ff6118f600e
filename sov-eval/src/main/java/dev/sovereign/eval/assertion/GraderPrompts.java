package dev.sovereign.eval.assertion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Our grader prompt templates (resources next to this class), rendered with {@code {{ var }}} templating. */
final class GraderPrompts {

    static final String LLM_RUBRIC = load("llm-rubric.txt");
    static final String FACTUALITY = load("factuality.txt");
    static final String G_EVAL_STEPS = load("g-eval-steps.txt");
    static final String G_EVAL_SCORE = load("g-eval-score.txt");

    private GraderPrompts() {
    }

    private static String load(String name) {
        try (InputStream in = GraderPrompts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("grader prompt " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
