package dev.sovereign.engine.tokenizer;

/**
 * Streaming detokenizer: each call returns only complete UTF-8 characters, holding back the bytes of a character
 * whose remaining bytes have not arrived yet.
 */
public interface IncrementalDecoder {

    /** Text that became final with this token (possibly empty). */
    String next(int token);

    /** Whatever is still held back (an incomplete UTF-8 tail is rendered as U+FFFD, as a full decode would). */
    String flush();
}
