package dev.sovereign.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback backend written on plain sockets, for the failures an HTTP server library will not
 * produce (hanging up after reading a request, closing idle keep-alive connections on a timer).
 * Each connection goes to {@link Connection#serve} on a virtual thread; {@link #requests} counts
 * the whole requests read.
 */
public final class RawBackend implements AutoCloseable {

    /** What the backend does with one accepted connection. */
    public interface Connection {
        void serve(Socket socket, RawBackend backend) throws IOException;
    }

    public final AtomicInteger requests = new AtomicInteger();
    private final ServerSocket server;

    public RawBackend(Connection connection) {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            connection.serve(socket, this);
                        } catch (IOException e) {
                            // the peer went away: that is what these backends are for
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Reads one request's head and body, counting it; false when the connection ended first. */
    public boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase();
        int at = lower.indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
        requests.incrementAndGet();
        return true;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
