package dev.sovereign.spec.inference;

import dev.sovereign.spec.validation.Problem;
import java.util.List;

/**
 * The outcome of reading one YAML document: a valid InferenceService, or the problems that
 * make it invalid (then {@code service} is null). A file that cannot be read at all gives one
 * LoadedDocument with index -1 and its problems.
 */
public record LoadedDocument(String file, int index, InferenceService service, List<Problem> problems) {

    public LoadedDocument {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
