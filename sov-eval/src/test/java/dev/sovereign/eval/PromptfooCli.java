package dev.sovereign.eval;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code promptfoo eval} (installed by ./test into tools/npm) fully offline: no
 * telemetry, update check, sharing, remote grading or cache, with its config and home in a temp folder.
 */
final class PromptfooCli {

    private PromptfooCli() {
    }

    static Path binary() {
        Path bin = Path.of(System.getProperty("sov.root"), "tools", "npm", "node_modules", ".bin", "promptfoo").toAbsolutePath();
        if (!Files.isExecutable(bin)) {
            fail("promptfoo is not installed at " + bin + ": run ./test (it installs the npm test tools from tools/npm/package.json)");
        }
        return bin;
    }

    /** Runs {@code promptfoo eval -c config -o output}; returns its exit code, failing the test on a timeout. */
    static int eval(Path config, Path output, Path work) throws IOException, InterruptedException {
        Path home = Files.createDirectories(work.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(List.of(binary().toString(), "eval", "-c", config.toString(), "-o", output.toString(),
                "--no-cache", "--no-progress-bar", "--no-table", "--no-write", "--no-share", "-j", "4"));
        pb.directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("PROMPTFOO_"));
        env.put("HOME", home.toString());
        env.put("PROMPTFOO_CONFIG_DIR", home.resolve(".promptfoo").toString());
        env.put("PROMPTFOO_DISABLE_TELEMETRY", "1");
        env.put("PROMPTFOO_DISABLE_UPDATE", "1");
        env.put("PROMPTFOO_CACHE_ENABLED", "false");
        env.put("PROMPTFOO_DISABLE_SHARING", "1");
        env.put("PROMPTFOO_DISABLE_REMOTE_GENERATION", "true");
        env.put("PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION", "true");
        env.put("PROMPTFOO_SELF_HOSTED", "1");
        env.put("OPENAI_API_KEY", "test-key");
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.put("no_proxy", "127.0.0.1,localhost");
        Path log = work.resolve("promptfoo.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promptfoo eval did not finish in 150 s; its output:\n" + tail(log));
        }
        if (!Files.exists(output)) {
            fail("promptfoo eval wrote no results (exit " + process.exitValue() + "); its output:\n" + tail(log));
        }
        return process.exitValue();
    }

    static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /**
     * Per row (test index, prompt index, provider id): the row verdict, then each assertion's, e.g.
     * {@code pass PPF}, or {@code error: ...}; read from a Promptfoo-shape JSON results file.
     */
    static Map<String, String> verdicts(JsonNode results) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode row : results.path("results").path("results")) {
            StringBuilder v = new StringBuilder(row.path("success").asBoolean() ? "pass " : "fail ");
            JsonNode grading = row.path("gradingResult");
            if (grading.isMissingNode() || grading.isNull() || row.path("failureReason").asInt() == 2) {
                String error = row.path("error").asText();
                v.append("error: ").append(error, 0, Math.min(error.length(), 160));
            } else {
                for (JsonNode c : grading.path("componentResults")) {
                    v.append(c.path("pass").asBoolean() ? 'P' : 'F');
                }
            }
            String key = String.format("%02d/%d/%s", row.path("testIdx").asInt(), row.path("promptIdx").asInt(),
                    row.path("provider").path("id").asText());
            String previous = out.put(key, v.append(" ").append(row.path("testCase").path("description").asText()).toString());
            if (previous != null && !previous.equals(out.get(key))) {
                out.put(key, previous + " | " + out.get(key));
            }
        }
        return out;
    }
}
