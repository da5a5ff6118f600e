package dev.sovereign.eval.config;

import java.util.Set;

/** The assertion types this runner grades (the base names; each also takes a {@code not-} prefix). */
public final class AssertionTypes {

    public static final Set<String> KNOWN = Set.of(
            "equals", "contains", "icontains", "contains-any", "contains-all", "icontains-any",
            "icontains-all", "starts-with", "regex", "is-json", "contains-json",
            "is-valid-openai-tools-call", "latency", "cost", "levenshtein", "rouge-n", "javascript",
            "similar", "similar:cosine", "similar:dot", "similar:euclidean",
            "llm-rubric", "factuality", "model-graded-factuality", "g-eval");

    /** Model-graded types call a grader model; they need a grader provider. */
    public static final Set<String> MODEL_GRADED = Set.of("llm-rubric", "factuality", "model-graded-factuality", "g-eval");

    private AssertionTypes() {
    }
}
