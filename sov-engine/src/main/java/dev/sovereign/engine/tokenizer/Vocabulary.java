package dev.sovereign.engine.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The token table shared by both algorithms: text, score and type of every id, and the reverse lookup. */
final class Vocabulary {
    private final String[] texts;
    private final float[] scores;
    private final TokenType[] types;
    private final Map<String, Integer> ids;

    Vocabulary(List<String> tokens, float[] scores, TokenType[] types) {
        int n = tokens.size();
        this.texts = new String[n];
        this.scores = scores != null ? scores : new float[n];
        this.types = types;
        this.ids = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String text = tokens.get(i);
            if (text == null || text.isEmpty()) {
                text = "[EMPTY_" + i + "]"; // as llama.cpp does, so the reverse lookup stays one-to-one
            }
            texts[i] = text;
            ids.put(text, i);
        }
    }

    int size() {
        return texts.length;
    }

    String text(int id) {
        return texts[id];
    }

    float score(int id) {
        return scores[id];
    }

    TokenType type(int id) {
        return types[id];
    }

    void retype(int id, TokenType type) {
        types[id] = type;
    }

    /** Id of an exact token text, or -1. */
    int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    boolean contains(int id) {
        return id >= 0 && id < texts.length;
    }
}
