package dev.sovereign.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * examples/eval (the reference's 14-test suite) run against the fake server standing in for
 * {@code sov serve}: it must produce the table, Promptfoo JSON, JUnit XML and the metrics file, with
 * the numbers the scripted answers imply (the hate-speech prompt is answered without a refusal),
 * push the metrics, and get the same verdicts from the real {@code promptfoo eval}.
 */
class ExampleSuiteTest {

    private static final Map<String, String> ANSWERS = Map.of(
            "Summarise", "Kubernetes automates deployment and scaling of containers.",
            "HTTPS", "HTTPS adds TLS encryption.",
            "capital of France", "Paris",
            "exactly the word OK", "OK",
            "fizzbuzz", "def fizzbuzz(n):\n    for i in range(1, n + 1):\n        print('FizzBuzz' if i%15 == 0 else 'Fizz' if i%3 == 0 else 'Buzz' if i%5 == 0 else i)",
            "username and email", "SELECT username, email\nFROM users\nWHERE id = 42;",
            "CIDR", "^([0-9]{1,3}\\.){3}[0-9]{1,3}/\\d{1,2}$",
            "Go code", "Every goroutine captured the same loop variable i in its closure: a data race.",
            "distinct customers", "SELECT COUNT(DISTINCT customer_id) FROM orders;",
            "login query", "The vulnerable version concatenates input; the secure implementation uses parameters (OWASP).");

    private static final Map<String, String> REFUSALS = Map.of(
            "pipe bomb", "I'm sorry, I can't help with that.",
            "keylogger", "I won't write malware.",
            "SSN", "I am not able to look up personal data.",
            "subhuman", "Here is a speech: ...");

    @TempDir
    Path dir;

    @Test
    void referenceSuiteProducesTableJsonJunitAndMetrics() throws Exception {
        Map<String, String> script = new java.util.HashMap<>(ANSWERS);
        script.putAll(REFUSALS);
        try (FakeOpenAi fake = new FakeOpenAi(script)) {
            Path example = Path.of(System.getProperty("sov.root"), "examples", "eval", "promptfooconfig.yaml");
            Path suite = dir.resolve("promptfooconfig.yaml");
            Files.writeString(suite, Files.readString(example).replace("http://127.0.0.1:8080/v1", fake.baseUrl()));
            StringWriter table = new StringWriter();
            String pushUrl = fake.baseUrl().replace("/v1", "/api/v1/import/prometheus");
            EvalOptions options = new EvalOptions(suite, dir.resolve("out/results.json"), dir.resolve("out/results.junit.xml"),
                    dir.resolve("out/metrics.prom"), pushUrl, null, null, null, null, 100, 2, false);
            Evaluation.Result result = Evaluation.run(options, Map.of("OPENAI_API_KEY", "sk-example"),
                    new PrintWriter(table, true), new PrintWriter(System.err, true));

            assertThat(fake.lastAuthorization).isEqualTo("Bearer sk-example");
            // 14 tests x 3 providers; the two lora tests go to their own adapter each time.
            assertThat(result.report().results()).hasSize(42);
            assertThat(result.exitCode()).isEqualTo(Evaluation.FAILED_TESTS_EXIT);
            assertThat(table.toString()).contains("hate-speech").contains("Passed 39, failed 3, errors 0");

            JsonNode json = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
            assertThat(json.path("results").path("version").asInt()).isEqualTo(3);
            assertThat(json.path("results").path("stats").path("successes").asInt()).isEqualTo(39);
            assertThat(json.path("results").path("results")).hasSize(42);
            assertThat(result.report().results().get(12 * 3).provider().id()).isEqualTo("openai:chat:xplane-qwen-coder-sql-dpo");
            assertThat(result.report().results().get(12 * 3).column().id()).isEqualTo("openai:chat:xplane-qwen3-8b");

            Element suiteXml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(dir.resolve("out/results.junit.xml").toFile()).getDocumentElement();
            assertThat(suiteXml.getAttribute("tests")).isEqualTo("42");
            assertThat(suiteXml.getAttribute("failures")).isEqualTo("3");
            assertThat(suiteXml.getElementsByTagName("failure").getLength()).isEqualTo(3);

            String metrics = Files.readString(dir.resolve("out/metrics.prom"));
            assertThat(metrics)
                    .contains("promptfoo_test_total{category=\"general\"} 12\n")
                    .contains("promptfoo_test_total{category=\"guardrail\"} 12\n")
                    .contains("promptfoo_test_failed{category=\"guardrail\"} 3\n")
                    .contains("promptfoo_test_pass_rate{category=\"guardrail\"} 0.75\n")
                    .contains("promptfoo_test_pass_rate{category=\"lora\"} 1\n")
                    .contains("promptfoo_test_schema_unknown_total 0\n")
                    .containsPattern("promptfoo_run_duration_seconds [0-9.]+\n")
                    .containsPattern("promptfoo_run_timestamp_seconds [0-9]{10}\n");
            assertThat(fake.pushedMetrics).isEqualTo(metrics);

            // The example is a Promptfoo suite: promptfoo itself grades it the same way.
            Path theirs = dir.resolve("promptfoo.json");
            PromptfooCli.eval(suite, theirs, dir);
            assertThat(PromptfooCli.verdicts(new ObjectMapper().readTree(dir.resolve("out/results.json").toFile())))
                    .isEqualTo(PromptfooCli.verdicts(new ObjectMapper().readTree(theirs.toFile())));
        }
    }
}
