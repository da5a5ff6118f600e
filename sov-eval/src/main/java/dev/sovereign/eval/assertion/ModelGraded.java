package dev.sovereign.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.eval.config.ProviderSpec;
import dev.sovereign.eval.provider.OpenAiProvider;
import dev.sovereign.eval.provider.ProviderResponse;
import dev.sovereign.eval.provider.ProviderResponse.TokenUsage;
import dev.sovereign.eval.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model-graded assertions, asked of a grader model through the gateway: {@code llm-rubric},
 * {@code factuality} and {@code g-eval}. The prompts are ours; the way an answer is read (JSON
 * fields, defaults, thresholds) follows Promptfoo so the same grader answer gives the same verdict.
 * A grader that fails or answers nonsense fails the assertion without being negated.
 */
final class ModelGraded {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEPS = Pattern.compile("\\{\"steps\".+}");
    private static final Pattern ONE_LINE_OBJECT = Pattern.compile("\\{.+}");
    private static final Pattern LEGACY_CATEGORY = Pattern.compile("\\s*\\(?([a-eA-E])\\)");
    private static final int G_EVAL_MAX = 10;

    private final OpenAiProvider client;
    private final ProviderSpec defaultGrader;

    ModelGraded(OpenAiProvider client, ProviderSpec defaultGrader) {
        this.client = client;
        this.defaultGrader = defaultGrader;
    }

    void register(Map<String, Grader> graders) {
        graders.put("llm-rubric", this::rubric);
        graders.put("factuality", this::factuality);
        graders.put("model-graded-factuality", this::factuality);
        graders.put("g-eval", this::gEval);
    }

    private GradingResult rubric(AssertionInput in) {
        JsonNode value = in.value();
        String rubric = value == null || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
        ObjectNode vars = in.test().vars().deepCopy().put("output", in.output()).put("rubric", rubric);
        String template = in.spec().rubricPrompt() != null ? in.spec().rubricPrompt()
                : in.test().options().hasNonNull("rubricPrompt") ? text(in.test().options().get("rubricPrompt")) : GraderPrompts.LLM_RUBRIC;
        ProviderResponse answer = ask(in, Template.render(template, vars));
        if (answer.error() != null || answer.outputString().isEmpty()) {
            return graderFailure(in, answer.error() == null ? "No output" : answer.error(), answer.tokenUsage());
        }
        List<JsonNode> objects = JsonAssertions.extract(answer.outputString());
        if (objects.isEmpty() || !objects.getFirst().isObject()) {
            return graderFailure(in, "Could not extract JSON from llm-rubric response", answer.tokenUsage());
        }
        JsonNode parsed = objects.getFirst();
        JsonNode passNode = parsed.get("pass");
        boolean pass = passNode == null || passNode.isNull() ? true
                : passNode.isBoolean() ? passNode.booleanValue() : passNode.asText().matches("(?i)true|yes|pass|y");
        double score = number(parsed.get("score"), pass ? 1 : 0);
        Double threshold = in.spec().threshold();
        if (threshold != null) {
            pass = pass && score >= threshold;
        }
        String reason = parsed.path("reason").asText("");
        if (reason.isEmpty()) {
            reason = pass ? "Grading passed" : "Score " + score + " below threshold " + threshold;
        }
        double finalScore = in.inverse() ? Math.min(1, Math.max(0, 1 - score)) : score;
        return new GradingResult(pass != in.inverse(), finalScore, reason, in.spec(), answer.tokenUsage());
    }

    private GradingResult factuality(AssertionInput in) {
        if (in.value() == null || !in.value().isTextual()) {
            throw new IllegalArgumentException("factuality assertion type must have a string value");
        }
        ObjectNode vars = in.test().vars().deepCopy().put("input", in.prompt()).put("ideal", in.value().asText()).put("completion", in.output());
        String template = in.spec().rubricPrompt() != null ? in.spec().rubricPrompt() : GraderPrompts.FACTUALITY;
        ProviderResponse answer = ask(in, Template.render(template, vars));
        if (answer.error() != null || answer.outputString().isEmpty()) {
            return graderFailure(in, answer.error() == null ? "No output" : answer.error(), answer.tokenUsage());
        }
        String text = answer.outputString();
        String option = null;
        String reason = null;
        List<JsonNode> objects = JsonAssertions.extract(text);
        if (!objects.isEmpty() && objects.getFirst().path("category").isTextual()) {
            option = objects.getFirst().get("category").asText().trim().toUpperCase(java.util.Locale.ROOT);
            if (!option.matches("[A-E]")) {
                return graderFailure(in, "Invalid category value: " + option, answer.tokenUsage());
            }
            reason = objects.getFirst().path("reason").asText("").trim();
        } else {
            Matcher m = LEGACY_CATEGORY.matcher(text);
            if (!m.find()) {
                return graderFailure(in, "Factuality checker output did not match expected format: " + text, answer.tokenUsage());
            }
            option = m.group(1).toUpperCase(java.util.Locale.ROOT);
        }
        if (reason == null || reason.isEmpty()) {
            reason = "Category " + option;
        }
        double score = categoryScore(in.test().options().path("factuality"), option);
        boolean pass = score > 0;
        return new GradingResult(pass != in.inverse(), in.inverse() ? 1 - score : score, reason, in.spec(), answer.tokenUsage());
    }

    private static double categoryScore(JsonNode scores, String option) {
        return switch (option) {
            case "A" -> scores.path("subset").asDouble(1);
            case "B" -> scores.path("superset").asDouble(1);
            case "C" -> scores.path("agree").asDouble(1);
            case "D" -> scores.path("disagree").asDouble(0);
            default -> scores.path("differButFactual").asDouble(1);
        };
    }

    private GradingResult gEval(AssertionInput in) {
        List<String> criteria = new ArrayList<>();
        JsonNode value = in.value();
        if (value != null && value.isTextual()) {
            criteria.add(value.asText());
        } else if (value != null && value.isArray()) {
            value.forEach(v -> criteria.add(v.asText()));
        } else {
            throw new IllegalArgumentException("G-Eval assertion type must have a string or array of strings value");
        }
        if (criteria.isEmpty()) {
            return new GradingResult(false, 0, "G-Eval assertion requires at least one criterion string in the value array.", in.spec(), TokenUsage.NONE);
        }
        double threshold = in.spec().threshold() == null ? 0.7 : in.spec().threshold();
        double total = 0;
        TokenUsage tokens = TokenUsage.NONE;
        List<String> reasons = new ArrayList<>();
        for (String criterion : criteria) {
            GEvalScore one = gEvalOne(in, criterion);
            tokens = tokens.plus(one.tokens());
            if (one.failure() != null) {
                return new GradingResult(false, 0, one.failure(), in.spec(), tokens);
            }
            total += one.score();
            reasons.add(one.reason());
        }
        double score = total / criteria.size();
        boolean pass = (score >= threshold) != in.inverse();
        return new GradingResult(pass, in.inverse() ? 1 - score : score, String.join("\n\n", reasons), in.spec(), tokens);
    }

    private record GEvalScore(double score, String reason, String failure, TokenUsage tokens) {
    }

    private GEvalScore gEvalOne(AssertionInput in, String criterion) {
        ObjectNode vars = JSON.createObjectNode().put("criteria", criterion);
        ProviderResponse stepsAnswer = ask(in, Template.render(GraderPrompts.G_EVAL_STEPS, vars));
        TokenUsage tokens = stepsAnswer.tokenUsage();
        if (stepsAnswer.error() != null || stepsAnswer.outputString().isEmpty()) {
            return new GEvalScore(0, null, stepsAnswer.error() == null ? "G-Eval step-generation call returned no output" : stepsAnswer.error(), tokens);
        }
        List<String> steps = new ArrayList<>();
        try {
            Matcher m = STEPS.matcher(stepsAnswer.outputString());
            if (!m.find()) {
                return new GEvalScore(0, null, "LLM-proposed evaluation steps are not in JSON format: " + stepsAnswer.outputString(), tokens);
            }
            JSON.readTree(m.group()).path("steps").forEach(s -> steps.add(s.asText()));
        } catch (Exception e) {
            return new GEvalScore(0, null, "LLM-proposed evaluation steps are not in JSON format: " + e.getMessage(), tokens);
        }
        if (steps.isEmpty() || steps.stream().anyMatch(String::isBlank)) {
            return new GEvalScore(0, null, "LLM does not propose any usable evaluation step", tokens);
        }
        vars.put("steps", String.join("\n- ", steps)).put("maxScore", String.valueOf(G_EVAL_MAX))
                .put("input", in.prompt()).put("output", in.output());
        ProviderResponse scoreAnswer = ask(in, Template.render(GraderPrompts.G_EVAL_SCORE, vars));
        tokens = tokens.plus(scoreAnswer.tokenUsage());
        if (scoreAnswer.error() != null || scoreAnswer.outputString().isEmpty()) {
            return new GEvalScore(0, null, scoreAnswer.error() == null ? "G-Eval evaluation call returned no output" : scoreAnswer.error(), tokens);
        }
        JsonNode result;
        try {
            Matcher m = ONE_LINE_OBJECT.matcher(scoreAnswer.outputString());
            if (!m.find()) {
                return new GEvalScore(0, null, "LLM-proposed evaluation result is not in JSON format: " + scoreAnswer.outputString(), tokens);
            }
            result = JSON.readTree(m.group());
        } catch (Exception e) {
            return new GEvalScore(0, null, "LLM-proposed evaluation result is not in JSON format: " + e.getMessage(), tokens);
        }
        double raw = number(result.get("score"), Double.NaN);
        if (!Double.isFinite(raw) || raw < 0 || raw > G_EVAL_MAX) {
            return new GEvalScore(0, null, "G-Eval result has invalid or missing score: " + result.get("score"), tokens);
        }
        String reason = result.path("reason").asText("");
        if (reason.isBlank()) {
            return new GEvalScore(0, null, "G-Eval result has invalid or missing reason", tokens);
        }
        return new GEvalScore(raw / G_EVAL_MAX, reason, null, tokens);
    }

    private ProviderResponse ask(AssertionInput in, String prompt) {
        ProviderSpec grader = in.spec().provider() != null ? in.spec().provider() : in.test().grader() != null ? in.test().grader() : defaultGrader;
        if (grader == null) {
            throw new IllegalArgumentException(in.spec().writtenType()
                    + " needs a grader model: set options.provider in the test or defaultTest, provider on the assertion, or --grader");
        }
        if (grader.kind() == ProviderSpec.Kind.EMBEDDING) {
            grader = grader.withKind(ProviderSpec.Kind.CHAT);
        }
        return client.call(grader, prompt);
    }

    private static GradingResult graderFailure(AssertionInput in, String reason, TokenUsage tokens) {
        return new GradingResult(false, 0, reason, in.spec(), tokens);
    }

    private static double number(JsonNode node, double fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
