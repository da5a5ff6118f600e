package dev.sovereign.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sovereign.eval.config.AssertionSpec;
import dev.sovereign.eval.config.AssertionTypes;
import dev.sovereign.eval.config.ProviderSpec;
import dev.sovereign.eval.config.TestCase;
import dev.sovereign.eval.provider.EmbeddingClient;
import dev.sovereign.eval.provider.OpenAiProvider;
import dev.sovereign.eval.provider.ProviderResponse;
import dev.sovereign.eval.template.Template;
import java.util.HashMap;
import java.util.Map;

/** Grades one assertion of a test: templates its value with the test's vars, then runs the grader for its type. */
public final class Assertions {

    private final Map<String, Grader> graders = new HashMap<>();

    public Assertions(OpenAiProvider client, EmbeddingClient embeddings, ProviderSpec defaultGrader, long scriptLimitMs) {
        TextAssertions.register(graders);
        JsonAssertions.register(graders);
        LimitAssertions.register(graders);
        graders.put("regex", new RegexAssertion());
        graders.put("is-valid-openai-tools-call", new ToolsCallAssertion());
        graders.put("levenshtein", new Levenshtein());
        graders.put("rouge-n", new RougeN());
        graders.put("javascript", new JavascriptAssertion(scriptLimitMs));
        SimilarAssertion similar = new SimilarAssertion(embeddings);
        for (String type : new String[] {"similar", "similar:cosine", "similar:dot", "similar:euclidean"}) {
            graders.put(type, similar);
        }
        new ModelGraded(client, defaultGrader).register(graders);
        if (!graders.keySet().equals(AssertionTypes.KNOWN)) {
            throw new IllegalStateException("assertion registry and AssertionTypes.KNOWN disagree");
        }
    }

    public GradingResult grade(AssertionSpec spec, TestCase test, ProviderSpec provider, String prompt, ProviderResponse response)
            throws Exception {
        AssertionInput input = new AssertionInput(spec, render(spec.value(), test.vars()), response,
                response.outputString(), prompt, test, provider);
        GradingResult result = graders.get(spec.type()).grade(input);
        // Promptfoo: a zero-weight assertion only records (cost with a metric, say); it never fails the test.
        return spec.weight() == 0 ? result.withPass(true) : result;
    }

    private static JsonNode render(JsonNode value, JsonNode vars) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(Template.render(value.asText(), vars));
        }
        if (value.isArray()) {
            ArrayNode out = ((ArrayNode) value).arrayNode();
            value.forEach(v -> out.add(v.isTextual() ? out.textNode(Template.render(v.asText(), vars)) : v));
            return out;
        }
        return value;
    }
}
