package dev.sovereign.gateway.http;

/**
 * The client closed the connection, or broke the HTTP framing, before its request body was read.
 * Nobody is left to answer, and it says nothing about the gateway's health: one WARN line and a
 * counter, never a stack trace (a hostile client could otherwise fill the log).
 */
public final class ClientAborted extends RuntimeException {

    public ClientAborted(Throwable cause) {
        super(describe(cause), null, false, false);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\s+", " "));
    }
}
