package dev.sovereign.engine.tokenizer;

/** A vocabulary or tokenizer file that cannot be used; the message names the file or the field. */
public final class TokenizerException extends RuntimeException {
    public TokenizerException(String message) {
        super(message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
