package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import java.util.Comparator;
import java.util.List;

/**
 * How many choices a request returns ({@code n}) and how many it generates to choose them from ({@code best_of},
 * vLLM's and OpenAI's legacy meaning: the {@code n} with the highest cumulative log-probability are returned). All the
 * generated choices run at once, so together they must fit {@code max-num-seqs}.
 */
record ChoiceCount(int n, int bestOf) {

    static ChoiceCount read(ObjectNode body, int maxNumSeqs, boolean streaming) {
        Params p = new Params(body);
        Integer n = p.integer("n");
        Integer bestOf = p.integer("best_of");
        if (n != null && n < 1) {
            throw ApiErrors.invalidField("n", "must be at least 1, got " + n);
        }
        int returned = n == null ? 1 : n;
        if (bestOf != null && bestOf < returned) {
            throw ApiErrors.invalidField("best_of", "must be at least n (" + returned + "), got " + bestOf);
        }
        int generated = bestOf == null ? returned : bestOf;
        String field = bestOf == null ? "n" : "best_of";
        if (generated > maxNumSeqs) {
            throw ApiErrors.invalidField(field, generated + " choices run as " + generated
                    + " sequences at once, more than this server's --max-num-seqs of " + maxNumSeqs);
        }
        if (streaming && generated > returned) {
            throw ApiErrors.invalidField("best_of", "cannot be larger than n when streaming: which choices are best is "
                    + "known only once all have finished");
        }
        return new ChoiceCount(returned, generated);
    }

    /** Whether the generated choices are ranked (then each keeps its cumulative log-probability). */
    boolean ranked() {
        return bestOf > n;
    }

    /** The choices to return: all of them in order, or with {@code best_of} the {@code n} most likely, best first. */
    List<Generation.Finished> returned(List<Generation.Finished> generated) {
        if (!ranked()) {
            return generated;
        }
        return generated.stream()
                .sorted(Comparator.comparingDouble((Generation.Finished f) -> f.completion().cumulativeLogprob()).reversed())
                .limit(n).toList();
    }
}
