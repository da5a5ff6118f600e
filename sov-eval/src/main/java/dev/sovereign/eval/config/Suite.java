package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded Promptfoo-style suite: every file reference resolved, {@code defaultTest} merged into each
 * test. {@code config} is the file as read, echoed into the JSON results.
 */
public record Suite(
        Path file,
        String description,
        List<PromptSpec> prompts,
        List<ProviderSpec> providers,
        List<TestCase> tests,
        RunSettings settings,
        ObjectNode config) {

    /** {@code evaluateOptions}: concurrency, repeat, per-test timeout and delay. */
    public record RunSettings(int maxConcurrency, int repeat, long timeoutMs, long delayMs) {
        public static final RunSettings DEFAULT = new RunSettings(4, 1, 0, 0);
    }
}
