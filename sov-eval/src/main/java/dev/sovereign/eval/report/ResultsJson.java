package dev.sovereign.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.eval.assertion.GradingResult;
import dev.sovereign.eval.provider.ProviderResponse;
import dev.sovereign.eval.run.EvalResult;
import dev.sovereign.eval.run.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the run as Promptfoo's {@code -o results.json} (version 3): {@code evalId}, {@code results}
 * with {@code prompts}, one entry per row and {@code stats}, then {@code config}; so tools that read
 * Promptfoo output (the reference's metrics parser, dashboards) read ours unchanged.
 */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    public static void write(RunReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writeValueAsString(toJson(report)) + "\n");
    }

    public static ObjectNode toJson(RunReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("evalId", report.evalId());
        ObjectNode results = root.putObject("results");
        results.put("version", 3);
        results.put("timestamp", report.started().toString());
        ArrayNode prompts = results.putArray("prompts");
        int providers = report.suite().providers().size();
        for (int p = 0; p < report.suite().prompts().size(); p++) {
            for (int c = 0; c < providers; c++) {
                ObjectNode prompt = prompts.addObject();
                prompt.put("raw", report.suite().prompts().get(p).raw());
                prompt.put("label", report.suite().prompts().get(p).label());
                prompt.put("provider", report.suite().providers().get(c).label());
                final int column = p * providers + c;
                var rows = report.results().stream().filter(r -> r.promptIdx() == column).toList();
                ObjectNode metrics = prompt.putObject("metrics");
                metrics.put("score", rows.stream().mapToDouble(EvalResult::score).sum());
                metrics.put("testPassCount", rows.stream().filter(r -> r.outcome() == EvalResult.Outcome.PASS).count());
                metrics.put("testFailCount", rows.stream().filter(r -> r.outcome() == EvalResult.Outcome.FAIL).count());
                metrics.put("testErrorCount", rows.stream().filter(r -> r.outcome() == EvalResult.Outcome.ERROR).count());
            }
        }
        ArrayNode rows = results.putArray("results");
        report.results().forEach(r -> rows.add(row(r)));
        ObjectNode stats = results.putObject("stats");
        stats.put("successes", report.count(EvalResult.Outcome.PASS));
        stats.put("failures", report.count(EvalResult.Outcome.FAIL));
        stats.put("errors", report.count(EvalResult.Outcome.ERROR));
        stats.set("tokenUsage", tokens(report.tokenUsage()));
        stats.put("durationMs", Math.round(report.durationSeconds() * 1000));
        root.set("config", report.suite().config());
        root.putNull("shareableUrl");
        return root;
    }

    private static ObjectNode row(EvalResult r) {
        ObjectNode row = JSON.createObjectNode();
        row.put("promptIdx", r.promptIdx());
        row.put("testIdx", r.testIdx());
        row.put("repeatIndex", r.repeatIdx());
        row.set("testCase", r.test().raw());
        row.set("vars", r.test().vars());
        row.putObject("prompt").put("raw", r.renderedPrompt()).put("label", r.prompt().label());
        // Promptfoo reports the column's provider, even when the test sent the request to its own.
        row.putObject("provider").put("id", r.column().id()).put("label", r.column().label());
        ProviderResponse response = r.response();
        if (response != null) {
            ObjectNode resp = row.putObject("response");
            resp.set("output", response.output());
            resp.set("tokenUsage", tokens(response.tokenUsage()));
            if (response.finishReason() != null) {
                resp.put("finishReason", response.finishReason());
            }
            row.put("latencyMs", response.latencyMs());
            if (response.cost() != null) {
                row.put("cost", response.cost());
                resp.put("cost", response.cost());
            }
        }
        row.put("success", r.success());
        row.put("score", r.score());
        ObjectNode named = row.putObject("namedScores");
        r.namedScores().forEach(named::put);
        if (r.error() == null) {
            ObjectNode grading = row.putObject("gradingResult");
            grading.put("pass", r.success());
            grading.put("score", r.score());
            grading.put("reason", r.reason());
            grading.set("namedScores", named.deepCopy());
            ArrayNode components = grading.putArray("componentResults");
            for (GradingResult c : r.components()) {
                ObjectNode component = components.addObject();
                component.put("pass", c.pass());
                component.put("score", c.score());
                component.put("reason", c.reason());
                component.set("assertion", c.assertion().raw());
            }
        } else {
            row.putNull("gradingResult");
            row.put("error", r.error());
        }
        row.put("failureReason", r.failureReason());
        row.set("metadata", r.test().metadata());
        return row;
    }

    private static ObjectNode tokens(ProviderResponse.TokenUsage usage) {
        return JSON.createObjectNode().put("total", usage.total()).put("prompt", usage.prompt()).put("completion", usage.completion());
    }
}
