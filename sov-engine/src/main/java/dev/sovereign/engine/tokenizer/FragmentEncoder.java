package dev.sovereign.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Tokenizes one run of ordinary text (special tokens have already been cut out). */
interface FragmentEncoder {

    /**
     * @param atStart      the fragment begins the whole text
     * @param afterSpecial the fragment begins the text or follows a special token (where llama.cpp's
     *                     SentencePiece prefixes a space)
     */
    void encode(String text, boolean atStart, boolean afterSpecial, List<Integer> out);

    /** The bytes a token renders as when detokenizing, for normal and byte tokens. */
    byte[] normalPiece(int id);

    /** The bytes an added (special or user-defined) token renders as: its text, unless the decoder rewrites it. */
    default byte[] addedPiece(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the first piece of a text loses its leading space on decoding (SentencePiece's dummy prefix). */
    boolean stripsLeadingSpace();
}
