package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code sov eval} against a live {@code ./sov serve}, both as processes, as a user runs them:
 * the sov-tiny suite passes every test and writes the table, Promptfoo JSON, JUnit XML and the
 * metrics by category; the reference suite, whose xplane-* models are not served by default,
 * gives one error row per test (404 from the gateway), still writes all four outputs, and exits 100.
 */
class EvalAgainstServeIT {

    private static final Path ROOT = Path.of(System.getProperty("sov.root"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Process serve;
    private static String url;
    private static String key;

    @BeforeAll
    static void startServe() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("sov").toString(), "serve", "--port", "0").directory(dir.toFile());
        pb.environment().put("SOV_DATA_DIR", dir.resolve("data").toString());
        pb.redirectError(dir.resolve("serve.err").toFile());
        serve = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        ServeBanner banner = ServeBanner.read(out, EvalAgainstServeIT::stderr);
        url = banner.url();
        key = banner.key();
        Thread.ofVirtual().start(() -> out.lines().forEach(line -> { })); // keep its stdout from filling up
    }

    private static String stderr() {
        return ServeBanner.captured(dir.resolve("serve.err"));
    }

    @AfterAll
    static void stopServe() throws InterruptedException {
        serve.destroy();
        if (!serve.waitFor(30, TimeUnit.SECONDS)) {
            serve.destroyForcibly();
        }
    }

    @Test
    void theSovTinySuitePassesThroughServeAndWritesEveryOutput() throws Exception {
        Eval run = Eval.of("sov-tiny.yaml", "tiny");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        for (String test : List.of("add-two-digits", "subtract-two-digits", "tool-call-weather", "fim-function-body",
                "mom-routes-arithmetic", "harmful-request-refused", "jailbreak-blocked-by-router")) {
            assertThat(run.out()).as(run.out()).containsPattern(Pattern.quote(test) + "\\s+openai:\\S+\\s+PASS");
        }
        assertThat(run.out()).contains("Passed 7, failed 0, errors 0");

        JsonNode results = JSON.readTree(run.output("json").toFile()).path("results");
        assertThat(results.path("version").asInt()).isEqualTo(3);
        assertThat(results.path("stats").path("successes").asInt()).isEqualTo(7);
        assertThat(results.path("results")).hasSize(7).allMatch(r -> r.path("success").asBoolean());

        Element suite = junit(run.output("xml"));
        assertThat(suite.getAttribute("tests")).isEqualTo("7");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");

        String metrics = Files.readString(run.output("prom"));
        for (String category : List.of("arithmetic", "tools", "code", "routing", "guardrail")) {
            assertThat(metrics).contains("promptfoo_test_pass_rate{category=\"" + category + "\"} 1\n");
        }
        assertThat(metrics).contains("promptfoo_run_timestamp_seconds ");
    }

    @Test
    void theReferenceSuiteGivesAnErrorPerTestForModelsNotServedAndStillWritesEveryOutput() throws Exception {
        Eval run = Eval.of("promptfooconfig.yaml", "reference");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(100);
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(run.out()).contains("Passed 0, failed 0, errors 42");

        JsonNode results = JSON.readTree(run.output("json").toFile()).path("results");
        assertThat(results.path("stats").path("errors").asInt()).isEqualTo(42);
        assertThat(results.path("results")).allMatch(r -> r.path("error").asText().matches(
                "API error: 404 model 'xplane-[a-z0-9-]+' does not exist.*"));

        Element suite = junit(run.output("xml"));
        assertThat(suite.getAttribute("errors")).isEqualTo("42");
        assertThat(suite.getElementsByTagName("error").getLength()).isEqualTo(42);

        String metrics = Files.readString(run.output("prom"));
        for (String category : List.of("general", "code", "guardrail", "lora")) {
            assertThat(metrics).contains("promptfoo_test_pass_rate{category=\"" + category + "\"} 0\n");
        }
    }

    private static Element junit(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
    }

    /** One {@code ./sov eval} process on a suite of examples/eval, sent to the live gateway. */
    private record Eval(int exit, String out, String err, Path outputs, String name) {

        static Eval of(String suite, String name) throws IOException, InterruptedException {
            Path outputs = dir.resolve(name);
            Files.createDirectories(outputs);
            ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("sov").toString(), "eval",
                    "-c", ROOT.resolve("examples/eval/" + suite).toString(),
                    "-o", outputs.resolve("results.json").toString(),
                    "--junit", outputs.resolve("results.xml").toString(),
                    "--metrics", outputs.resolve("metrics.prom").toString()).directory(dir.toFile());
            // The suites say http://127.0.0.1:8080/v1; this server took a free port.
            pb.environment().put("SOV_EVAL_BASE_URL", url);
            pb.environment().put("OPENAI_API_KEY", key);
            pb.redirectError(outputs.resolve("stderr.txt").toFile());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Eval(p.exitValue(), out, Files.readString(outputs.resolve("stderr.txt")), outputs, name);
        }

        Path output(String extension) {
            Path file = outputs.resolve(switch (extension) {
                case "json" -> "results.json";
                case "xml" -> "results.xml";
                default -> "metrics.prom";
            });
            assertThat(file).as("%s output of the %s suite", extension, name).exists();
            return file;
        }
    }
}
