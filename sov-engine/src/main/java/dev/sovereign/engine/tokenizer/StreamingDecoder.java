package dev.sovereign.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Holds back the bytes of a UTF-8 character until its last byte has arrived. */
final class StreamingDecoder implements IncrementalDecoder {
    private final VocabularyTokenizer tokenizer;
    private boolean first;
    private byte[] pending = new byte[16];
    private int length;

    StreamingDecoder(VocabularyTokenizer tokenizer, boolean atStartOfText) {
        this.tokenizer = tokenizer;
        this.first = atStartOfText;
    }

    @Override
    public String next(int token) {
        byte[] piece = tokenizer.piece(token);
        int skip = first ? tokenizer.leadingSpaceToStrip(piece) : 0;
        first = false;
        int add = piece.length - skip;
        if (length + add > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + add));
        }
        System.arraycopy(piece, skip, pending, length, add);
        length += add;
        int ready = Utf8.completePrefix(pending, length);
        String out = new String(pending, 0, ready, StandardCharsets.UTF_8);
        System.arraycopy(pending, ready, pending, 0, length - ready);
        length -= ready;
        return out;
    }

    @Override
    public String flush() {
        String out = new String(pending, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return out;
    }
}
