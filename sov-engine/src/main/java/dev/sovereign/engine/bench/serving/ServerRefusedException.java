package dev.sovereign.engine.bench.serving;

/** The server answered a request with an HTTP error; the message is its own (OpenAI's {@code error.message}). */
public final class ServerRefusedException extends RuntimeException {

    private final int status;

    public ServerRefusedException(int status, String message) {
        super("the server answered " + status + ": " + message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
