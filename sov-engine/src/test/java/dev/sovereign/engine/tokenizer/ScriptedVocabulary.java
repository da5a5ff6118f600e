package dev.sovereign.engine.tokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The byte-level vocabulary of a scripted test model: the 256 byte tokens, {@code "\n\n"} as one token (one merge),
 * each piece of the model's scripts as a token of its own (no merge reaches them: the model writes them, prompts never
 * contain them), then ChatML's special tokens. A prompt's last token is thus {@code "\n"} or {@code "\n\n"}, and every
 * piece is a distinct token, which is what lets a model with no context but its last token follow a script.
 */
public final class ScriptedVocabulary {

    public static final String NEWLINE = "\n";
    public static final String BLANK_LINE = "\n\n";
    static final List<String> SPECIAL = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Integer> pieceIds = new LinkedHashMap<>();
    private final int normal;

    public ScriptedVocabulary(List<String> pieces) {
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
        }
        tokens.add(ByteLevelAlphabet.encode(BLANK_LINE));
        Set<String> seen = new HashSet<>(tokens);
        for (String piece : pieces) {
            String spelled = ByteLevelAlphabet.encode(piece);
            if (spelled.length() < 2 || !seen.add(spelled)) {
                throw new IllegalArgumentException("a script piece must be two bytes or more and not repeat: '" + piece + "'");
            }
            pieceIds.put(piece, tokens.size());
            tokens.add(spelled);
        }
        normal = tokens.size();
        tokens.addAll(SPECIAL);
    }

    /** The token of a script piece, of {@link #NEWLINE} or of {@link #BLANK_LINE}. */
    public int id(String text) {
        if (NEWLINE.equals(text)) {
            return '\n';
        }
        if (BLANK_LINE.equals(text)) {
            return 256;
        }
        Integer id = pieceIds.get(text);
        if (id == null) {
            id = tokens.indexOf(text); // a special token
        }
        if (id < 0) {
            throw new IllegalArgumentException("not in the vocabulary: '" + text + "'");
        }
        return id;
    }

    public int size() {
        return tokens.size();
    }

    /** The {@code tokenizer.ggml.*} keys, with the chat template. */
    public Map<String, Object> ggufMetadata(String chatTemplate) {
        int[] types = new int[tokens.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = (i < normal ? TokenType.NORMAL : TokenType.CONTROL).ggufCode();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", "gpt2");
        m.put("tokenizer.ggml.pre", "qwen2");
        m.put("tokenizer.ggml.tokens", List.copyOf(tokens));
        m.put("tokenizer.ggml.token_type", types);
        String newline = ByteLevelAlphabet.encode(NEWLINE);
        m.put("tokenizer.ggml.merges", List.of(newline + " " + newline));
        m.put("tokenizer.ggml.eos_token_id", id("<|im_end|>"));
        m.put("tokenizer.ggml.padding_token_id", id("<|endoftext|>"));
        m.put("tokenizer.ggml.bos_token_id", id("<|endoftext|>"));
        m.put("tokenizer.ggml.add_bos_token", false);
        m.put("tokenizer.chat_template", chatTemplate);
        return Collections.unmodifiableMap(m);
    }
}
