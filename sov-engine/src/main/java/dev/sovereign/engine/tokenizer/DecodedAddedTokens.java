package dev.sovereign.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A SentencePiece-style encoder read from tokenizer.json, where Hugging Face runs added tokens through the decoder
 * like any other (its Replace '▁' → ' ' step turns gemma3's whitespace-run tokens "▁▁" into spaces). llama.cpp
 * copies a GGUF's user-defined tokens verbatim, so the GGUF path does not use this.
 */
final class DecodedAddedTokens implements FragmentEncoder {
    private final FragmentEncoder encoder;

    DecodedAddedTokens(FragmentEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public void encode(String text, boolean atStart, boolean afterSpecial, List<Integer> out) {
        encoder.encode(text, atStart, afterSpecial, out);
    }

    @Override
    public byte[] normalPiece(int id) {
        return encoder.normalPiece(id);
    }

    @Override
    public byte[] addedPiece(String text) {
        return text.replace(SentencePieceEncoder.SPACE, " ").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean stripsLeadingSpace() {
        return encoder.stripsLeadingSpace();
    }
}
