package dev.sovereign.gateway.http;

/** The port a server should listen on is taken; the message names it and says what to do. */
public final class PortInUseException extends IllegalStateException {

    public PortInUseException(String host, int port) {
        super("port " + port + " on " + host + " is in use by another program: stop it, or choose another port with "
                + "--port (0 picks a free one)");
    }
}
