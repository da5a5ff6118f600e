package dev.sovereign.engine.server;

import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.engine.tokenizer.Tokenizer;

/** Fill-in-the-middle prompts in the model's own FIM tokens (Qwen/StarCoder spelling: prefix, suffix, middle). */
final class FimPrompt {

    private final String prefix;
    private final String suffix;
    private final String middle;

    private FimPrompt(String prefix, String suffix, String middle) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.middle = middle;
    }

    /** The FIM tokens of the vocabulary, or null when the model has none. */
    static FimPrompt of(Tokenizer tokenizer) {
        String p = find(tokenizer, "<|fim_prefix|>", "<fim_prefix>");
        String s = find(tokenizer, "<|fim_suffix|>", "<fim_suffix>");
        String m = find(tokenizer, "<|fim_middle|>", "<fim_middle>");
        return p != null && s != null && m != null ? new FimPrompt(p, s, m) : null;
    }

    static String render(FimPrompt fim, String prompt, String suffixText) {
        if (fim == null) {
            throw ApiErrors.invalidField("suffix", "this model has no fill-in-the-middle tokens");
        }
        return fim.prefix + prompt + fim.suffix + suffixText + fim.middle;
    }

    private static String find(Tokenizer tokenizer, String... spellings) {
        for (int id = tokenizer.vocabularySize() - 1; id >= 0; id--) {
            String text = tokenizer.tokenText(id);
            for (String spelling : spellings) {
                if (spelling.equals(text)) {
                    return spelling;
                }
            }
        }
        return null;
    }
}
