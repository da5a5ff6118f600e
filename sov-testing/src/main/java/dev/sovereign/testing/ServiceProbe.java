package dev.sovereign.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Whether something accepts a TCP connection: enough to tell "not installed or not started" from "there". */
final class ServiceProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private ServiceProbe() {
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
