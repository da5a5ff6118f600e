package dev.sovereign.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.eval.config.ProviderSpec;
import dev.sovereign.eval.provider.EmbeddingClient;
import dev.sovereign.eval.provider.ProviderResponse.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code similar[:cosine|:dot|:euclidean]}: embeds the output and the expected text through an
 * {@code openai:embedding:MODEL} provider (our gateway's {@code /v1/embeddings}) and compares them
 * with the threshold (default 0.75; for euclidean the threshold is a maximum distance). A list of
 * expected texts passes when any one does (for the negated form: when none is similar).
 */
final class SimilarAssertion implements Grader {

    private final EmbeddingClient embeddings;

    SimilarAssertion(EmbeddingClient embeddings) {
        this.embeddings = embeddings;
    }

    @Override
    public GradingResult grade(AssertionInput in) throws Exception {
        List<String> expected = expected(in);
        ProviderSpec provider = in.spec().provider() != null ? in.spec().provider() : in.test().grader();
        if (provider == null || provider.kind() != ProviderSpec.Kind.EMBEDDING) {
            throw new IllegalArgumentException(in.spec().writtenType()
                    + " needs an embedding provider: set provider: openai:embedding:MODEL on the assertion or in options.provider");
        }
        String metric = in.spec().type().contains(":") ? in.spec().type().substring(in.spec().type().indexOf(':') + 1) : "cosine";
        double threshold = in.spec().threshold() == null ? 0.75 : in.spec().threshold();
        double[] output = embeddings.embed(provider, in.output());
        GradingResult best = null;
        for (String text : expected) {
            GradingResult one = compare(in, metric, threshold, output, embeddings.embed(provider, text));
            if (in.inverse() && !one.pass()) {
                return one;
            }
            if (!in.inverse() && one.pass()) {
                return one;
            }
            if (best == null || (in.inverse() ? one.score() < best.score() : one.score() > best.score())) {
                best = one;
            }
        }
        if (expected.size() > 1 && !in.inverse()) {
            return new GradingResult(false, best.score(), "None of the provided values met the similarity threshold", in.spec(), TokenUsage.NONE);
        }
        return best;
    }

    private static GradingResult compare(AssertionInput in, String metric, double threshold, double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Vectors must be of equal length");
        }
        double similarity = switch (metric) {
            case "cosine" -> Vectors.cosine(a, b);
            case "dot" -> Vectors.dot(a, b);
            case "euclidean" -> Vectors.euclidean(a, b);
            default -> throw new IllegalArgumentException("Unknown similarity metric: " + metric);
        };
        boolean distance = metric.equals("euclidean");
        double eps = Math.ulp(1.0);
        // Promptfoo's comparison, tolerance included: a negated check passes at exactly the threshold too.
        boolean pass = distance
                ? (in.inverse() ? similarity >= threshold - eps : similarity <= threshold + eps)
                : (in.inverse() ? similarity <= threshold + eps : similarity >= threshold - eps);
        double score = distance ? 1 / (1 + similarity) : similarity;
        if (in.inverse()) {
            score = 1 - score;
        }
        String reason = String.format(Locale.ROOT, "%s %.2f against threshold %s: %s", distance ? "Distance" : "Similarity",
                similarity, LimitAssertions.fmt(threshold), pass ? "passed" : "failed");
        return new GradingResult(pass, score, reason, in.spec(), TokenUsage.NONE);
    }

    private static List<String> expected(AssertionInput in) {
        JsonNode value = in.value();
        List<String> out = new ArrayList<>();
        if (value != null && value.isTextual()) {
            out.add(value.asText());
        } else if (value != null && value.isArray() && !value.isEmpty()) {
            value.forEach(v -> out.add(v.asText()));
        } else {
            throw new IllegalArgumentException("Similarity assertion type must have a string or array of strings value");
        }
        return out;
    }

    /** The three comparisons Promptfoo offers. */
    static final class Vectors {
        private Vectors() {
        }

        static double dot(double[] a, double[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }

        static double cosine(double[] a, double[] b) {
            double na = Math.sqrt(dot(a, a));
            double nb = Math.sqrt(dot(b, b));
            return na == 0 || nb == 0 ? 0 : dot(a, b) / (na * nb);
        }

        static double euclidean(double[] a, double[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                sum += d * d;
            }
            return Math.sqrt(sum);
        }
    }
}
