package dev.sovereign.gateway.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks a listen port before a server binds it. Helidon logs a bind failure as a stack trace and
 * then reports port -1, which reads like success; asking first turns the common case (another
 * program holds the port) into one sentence that says what to do.
 */
public final class ListenPort {

    private ListenPort() {
    }

    /** Throws {@link PortInUseException} when {@code host:port} cannot be bound now; port 0 always can. */
    public static void requireFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            // as the server will: a port left in TIME_WAIT by a stopped server is free to use
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortInUseException(host, port);
        }
    }

    /** A server that started without a port (Helidon's -1) lost the race for it after {@link #requireFree}. */
    public static int requireBound(String host, int requested, int bound) {
        if (bound < 0) {
            throw new PortInUseException(host, requested);
        }
        return bound;
    }
}
