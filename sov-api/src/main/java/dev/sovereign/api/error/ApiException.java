package dev.sovereign.api.error;

import java.util.Optional;

/**
 * A request that cannot be served, with the HTTP status and the OpenAI error it answers with.
 * Servers turn it into a response; it never reaches a user as a stack trace.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final ApiError error;
    private final Long retryAfterSeconds;

    public ApiException(int status, ApiError error) {
        this(status, error, null);
    }

    public ApiException(int status, ApiError error, Long retryAfterSeconds) {
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public ErrorBody body() {
        return new ErrorBody(error);
    }

    /** Seconds a client should wait before retrying (429 and 503 answers). */
    public Optional<Long> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }
}
