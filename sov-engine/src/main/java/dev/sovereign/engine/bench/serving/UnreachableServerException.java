package dev.sovereign.engine.bench.serving;

/** Nothing answers at the benchmark's URL (refused, unknown host, timed out before any answer). */
public final class UnreachableServerException extends RuntimeException {

    public UnreachableServerException(String message) {
        super(message);
    }
}
