package dev.sovereign.gateway.upstream;

/**
 * A backend failed before sending the first byte of an answer. {@link #nothingGenerated()} says
 * whether the request certainly did not run there (connection refused, no replica, 429 or 503
 * answered): only then may it be sent again, elsewhere or later (ADR 0101). A timeout, a reset or
 * another 5xx may come after the backend started generating, so the request is not sent twice.
 */
public final class UpstreamFailure extends Exception {

    public enum Kind { CONNECT, TIMEOUT, SERVER_ERROR, BUSY }

    private final Kind kind;
    private final String backend;
    private final int status;
    private final boolean nothingGenerated;
    private final Long retryAfterSeconds;

    public UpstreamFailure(Kind kind, String backend, int status, String message) {
        this(kind, backend, status, message, kind == Kind.BUSY, null);
    }

    public UpstreamFailure(Kind kind, String backend, int status, String message, boolean nothingGenerated,
                           Long retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.backend = backend;
        this.status = status;
        this.nothingGenerated = nothingGenerated;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Nothing was sent, or the backend said it did not take the request: sending it again cannot generate twice. */
    public static UpstreamFailure unsent(Kind kind, String backend, String message) {
        return new UpstreamFailure(kind, backend, 0, message, true, null);
    }

    public Kind kind() {
        return kind;
    }

    public String backend() {
        return backend;
    }

    /** The upstream's HTTP status for {@link Kind#SERVER_ERROR} and {@link Kind#BUSY}, else 0. */
    public int status() {
        return status;
    }

    public boolean nothingGenerated() {
        return nothingGenerated;
    }

    /** The backend's Retry-After for {@link Kind#BUSY}, when it sent one. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
