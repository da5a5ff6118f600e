package dev.sovereign.gateway.upstream;

/**
 * A backend failed before sending the first byte of an answer, so another target may be tried.
 * {@code kind} is also the metrics' {@code error.type}.
 */
public final class UpstreamFailure extends Exception {

    public enum Kind { CONNECT, TIMEOUT, SERVER_ERROR }

    private final Kind kind;
    private final String backend;
    private final int status;

    public UpstreamFailure(Kind kind, String backend, int status, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.backend = backend;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    public String backend() {
        return backend;
    }

    /** The upstream's HTTP status for {@link Kind#SERVER_ERROR}, else 0. */
    public int status() {
        return status;
    }
}
