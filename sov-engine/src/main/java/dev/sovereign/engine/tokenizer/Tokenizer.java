package dev.sovereign.engine.tokenizer;

import java.util.Set;

/** Turns text into a model's token ids and back, exactly as the model's own tokenizer does. */
public interface Tokenizer {

    /**
     * @param addSpecial   add BOS/EOS as the model's metadata or tokenizer config says
     * @param parseSpecial text such as {@code <|im_start|>} becomes its special token id;
     *                     when false it is tokenized as ordinary text
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /** Full detokenization (special tokens rendered as their text, leading space of the first piece kept as llama.cpp does). */
    String decode(int[] tokens);

    /** A fresh streaming detokenizer whose concatenated output equals {@link #decode}. */
    IncrementalDecoder incrementalDecoder();

    /**
     * A streaming detokenizer for tokens that continue an existing text (generated after a prompt): unlike
     * {@link #incrementalDecoder()} it keeps the first piece's leading space, as llama.cpp's server streams pieces.
     */
    IncrementalDecoder continuationDecoder();

    int vocabularySize();

    /** BOS id, or -1 if the vocabulary has none. */
    int bosToken();

    /** EOS id, or -1 if the vocabulary has none. */
    int eosToken();

    /** Tokens that end a generation: eos, eot, {@code <|im_end|>}, {@code <|endoftext|>} as the metadata says. */
    Set<Integer> endOfGenerationTokens();

    /** The vocabulary's raw text of a token (as stored, e.g. with ▁ or Ġ). */
    String tokenText(int id);

    /** The token's type (normal, control, byte...). */
    TokenType tokenType(int id);

    /** The bytes the token adds to the decoded text (after a first piece: a leading space is kept). */
    default byte[] tokenBytes(int id) {
        return decode(new int[] {id}).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
