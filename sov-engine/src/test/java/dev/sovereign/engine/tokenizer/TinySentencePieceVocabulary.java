package dev.sovereign.engine.tokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small SentencePiece-style vocabulary in Llama-2's layout, trained by the project on its own committed corpus:
 * {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte-fallback tokens {@code <0xNN>}, the learned pieces scored by
 * learning order, then the corpus's single characters. Generated Llama-2-style models embed it, so they need no
 * third-party vocabulary.
 */
public final class TinySentencePieceVocabulary {
    private static final int MAX_MERGES = 1000;
    private static final int FIRST_PIECE = 3 + 256;
    private static volatile TinySentencePieceVocabulary llamaStyle;

    private final List<String> tokens;
    private final float[] scores;
    private final int[] tokenTypes;

    private TinySentencePieceVocabulary(List<String> tokens, float[] scores, int[] tokenTypes) {
        this.tokens = tokens;
        this.scores = scores;
        this.tokenTypes = tokenTypes;
    }

    /** Trained once per JVM, deterministically. */
    public static TinySentencePieceVocabulary llamaStyle() {
        if (llamaStyle == null) {
            synchronized (TinySentencePieceVocabulary.class) {
                if (llamaStyle == null) {
                    llamaStyle = train(TinyVocabularies.corpus());
                }
            }
        }
        return llamaStyle;
    }

    static TinySentencePieceVocabulary train(String corpus) {
        // SentencePiece sees the text as one string with '▁' for spaces; a word is a '▁' and what follows it.
        String text = SentencePieceEncoder.SPACE + corpus.replace(" ", SentencePieceEncoder.SPACE);
        Map<String, Integer> words = new LinkedHashMap<>();
        for (String word : text.split("(?=" + SentencePieceEncoder.SPACE + ")")) {
            words.merge(word, 1, Integer::sum);
        }
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
        }
        Set<String> pieces = new LinkedHashSet<>();
        for (String merge : BpeTrainer.merges(words, MAX_MERGES)) {
            pieces.add(merge.replace(" ", ""));
        }
        Set<String> characters = new TreeSet<>(text.codePoints().mapToObj(Character::toString).toList());
        pieces.removeAll(tokens);
        characters.removeAll(pieces);
        tokens.addAll(pieces);
        tokens.addAll(characters);
        float[] scores = new float[tokens.size()];
        int[] types = new int[tokens.size()];
        for (int id = 0; id < tokens.size(); id++) {
            // llama.cpp merges the adjacent pair whose piece scores highest: earlier-learned pieces score higher
            scores[id] = id < FIRST_PIECE ? 0f : -(id - FIRST_PIECE);
            types[id] = (id == 0 ? TokenType.UNKNOWN : id < 3 ? TokenType.CONTROL : id < FIRST_PIECE ? TokenType.BYTE
                    : TokenType.NORMAL).ggufCode();
        }
        return new TinySentencePieceVocabulary(List.copyOf(tokens), scores, types);
    }

    public List<String> tokens() {
        return tokens;
    }

    /** The {@code tokenizer.ggml.*} keys llama.cpp's converter writes for a Llama-2 SentencePiece model. */
    public Map<String, Object> ggufMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", "llama");
        m.put("tokenizer.ggml.tokens", tokens);
        m.put("tokenizer.ggml.scores", scores.clone());
        m.put("tokenizer.ggml.token_type", tokenTypes.clone());
        m.put("tokenizer.ggml.bos_token_id", 1);
        m.put("tokenizer.ggml.eos_token_id", 2);
        m.put("tokenizer.ggml.unknown_token_id", 0);
        return Collections.unmodifiableMap(m);
    }
}
