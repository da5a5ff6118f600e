package dev.sovereign.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.eval.run.EvalResult;
import dev.sovereign.eval.run.RunReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run behaves when things go wrong: a provider down, a slow model, a flaky server. */
class RunBehaviourTest {

    @TempDir
    Path dir;

    private Evaluation.Result run(String yaml, EvalOptions options) throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, yaml);
        EvalOptions withConfig = new EvalOptions(suite, options.output(), options.junit(), options.metrics(), null, options.maxConcurrency(),
                options.repeat(), options.timeoutMs(), null, options.passRateThreshold(), options.retries(), false);
        return Evaluation.run(withConfig, Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(System.err, true));
    }

    @Test
    void providerThatIsDownGivesErrorsNotFailuresAndTheRunGoesOn() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var fake = new FakeOpenAi()) {
            Evaluation.Result result = run("""
                    prompts: ["Say: {{answer}}"]
                    providers:
                      - { id: openai:chat:up, config: { apiBaseUrl: %s, apiKey: k } }
                      - { id: openai:chat:down, config: { apiBaseUrl: http://127.0.0.1:%d/v1, apiKey: k } }
                    tests:
                      - vars: { answer: yes }
                        metadata: { category: smoke }
                        assert: [{ type: equals, value: "yes" }]
                    """.formatted(fake.baseUrl(), closedPort), EvalOptions.of(dir).withOutputs(null, null, dir.resolve("m.prom")));
            RunReport report = result.report();
            assertThat(report.results()).extracting(EvalResult::outcome)
                    .containsExactly(EvalResult.Outcome.PASS, EvalResult.Outcome.ERROR);
            assertThat(report.results().get(1).error()).contains("cannot connect").contains("127.0.0.1:" + closedPort);
            assertThat(Files.readString(dir.resolve("m.prom"))).contains("promptfoo_test_failed{category=\"smoke\"} 1");
            assertThat(result.exitCode()).isEqualTo(Evaluation.FAILED_TESTS_EXIT);
        }
    }

    @Test
    void aRouterBlockIsGradedAsTheAnswerAnyOther403IsAnError() throws Exception {
        try (var fake = new FakeOpenAi()) {
            Evaluation.Result result = run("""
                    prompts: ["Say: {{answer}}"]
                    providers: [{ id: openai:chat:MoM, config: { apiBaseUrl: %s, apiKey: k } }]
                    tests:
                      - vars: { answer: JAILBREAK }
                        assert: [{ type: contains-any, value: [blocked_jailbreak, "I'm sorry"] }]
                      - vars: { answer: DENIED }
                        assert: [{ type: contains, value: blocked }]
                    """.formatted(fake.baseUrl()), EvalOptions.of(dir));
            EvalResult blocked = result.report().results().stream().filter(r -> r.testIdx() == 0).findFirst().orElseThrow();
            EvalResult denied = result.report().results().stream().filter(r -> r.testIdx() == 1).findFirst().orElseThrow();
            assertThat(blocked.error()).isNull();
            assertThat(blocked.success()).isTrue();
            assertThat(denied.error()).contains("403");
            assertThat(fake.requests.get()).isEqualTo(2);
        }
    }

    @Test
    void perTestTimeoutRepeatAndPassRateThreshold() throws Exception {
        try (var fake = new FakeOpenAi()) {
            EvalOptions options = new EvalOptions(dir, null, null, null, null, 4, 2, 5000L, null, 50, 0, false);
            Evaluation.Result result = run("""
                    prompts: ["Say: {{answer}}"]
                    providers: [{ id: openai:chat:m, config: { apiBaseUrl: %s, apiKey: k } }]
                    tests:
                      - vars: { answer: "SLEEP:60000:late" }
                      - vars: { answer: quick }
                    """.formatted(fake.baseUrl()), options);
            assertThat(result.report().results()).hasSize(4);
            assertThat(result.report().results()).filteredOn(r -> r.testIdx() == 0)
                    .allSatisfy(r -> assertThat(r.error()).contains("timed out after 5000ms"));
            assertThat(result.report().results()).filteredOn(r -> r.testIdx() == 1).extracting(EvalResult::success).containsOnly(true);
            assertThat(result.exitCode()).as("half the rows pass and the threshold is 50%%").isZero();
        }
    }

    @Test
    void transportErrorsAreRetried() throws Exception {
        try (var fake = new FakeOpenAi()) {
            fake.flakyFailuresLeft.set(2);
            EvalOptions options = new EvalOptions(dir, null, null, null, null, 1, 1, null, null, 100, 2, false);
            Evaluation.Result result = run("""
                    prompts: ["Say: {{answer}}"]
                    providers: [{ id: openai:chat:m, config: { apiBaseUrl: %s, apiKey: k } }]
                    tests: [{ vars: { answer: FLAKY }, assert: [{ type: equals, value: FLAKY }] }]
                    """.formatted(fake.baseUrl()), options);
            assertThat(result.report().results().getFirst().success()).isTrue();
            assertThat(fake.requests.get()).isEqualTo(3);
        }
    }

    @Test
    void graderNamedWithoutEndpointUsesTheSuitesEndpointNotTheInternet() throws Exception {
        try (var fake = new FakeOpenAi()) {
            Evaluation.Result result = run("""
                    prompts: ["Say: {{answer}}"]
                    providers: [{ id: openai:chat:m, config: { apiBaseUrl: %s, apiKey: k } }]
                    defaultTest:
                      options: { provider: openai:chat:grader-rubric-pass }
                    tests: [{ vars: { answer: Paris }, assert: [{ type: llm-rubric, value: names a city }] }]
                    """.formatted(fake.baseUrl()), EvalOptions.of(dir));
            assertThat(result.report().results().getFirst().error()).isNull();
            assertThat(result.report().results().getFirst().success()).isTrue();
            assertThat(fake.requests.get()).isEqualTo(2);
        }
    }
}
