package dev.sovereign.engine.tokenizer;

import java.util.LinkedHashSet;
import java.util.Set;

/** The tokens that stop generation: the declared ids plus the turn-ending texts llama.cpp recognises by name. */
final class EndOfGeneration {
    private static final Set<String> TEXTS = Set.of(
            "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|eom_id|>", "<EOT>");

    private EndOfGeneration() {
    }

    /** Also marks the recognised tokens as control tokens, as llama.cpp does. */
    static Set<Integer> collect(Vocabulary vocab, Iterable<Integer> declared) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (Integer id : declared) {
            if (id != null && vocab.contains(id)) {
                ids.add(id);
            }
        }
        for (int id = 0; id < vocab.size(); id++) {
            if (TEXTS.contains(vocab.text(id))) {
                ids.add(id);
                vocab.retype(id, TokenType.CONTROL);
            }
        }
        return Set.copyOf(ids);
    }
}
