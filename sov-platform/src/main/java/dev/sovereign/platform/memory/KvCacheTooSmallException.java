package dev.sovereign.platform.memory;

/** A replica's KV cache cannot hold one full-context sequence; the message says what to change. */
public final class KvCacheTooSmallException extends IllegalStateException {

    public KvCacheTooSmallException(String message) {
        super(message);
    }
}
