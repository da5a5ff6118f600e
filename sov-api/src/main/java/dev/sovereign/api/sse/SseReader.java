package dev.sovereign.api.sse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events from a byte stream as they arrive (WHATWG rules: {@code field: value}
 * lines, an empty line ends the event, {@code :} starts a comment, CR, LF or CRLF end lines).
 * Not thread-safe; one reader per stream.
 */
public final class SseReader implements AutoCloseable {

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean lastWasCr;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** The next event, or {@code null} at the end of the stream. */
    public SseEvent next() throws IOException {
        String event = null;
        StringBuilder data = null;
        while (true) {
            String current = readLine();
            if (current == null) {
                return data == null ? null : new SseEvent(event, data.toString());
            }
            if (current.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event, data.toString());
                }
                event = null;
                continue;
            }
            if (current.charAt(0) == ':') {
                continue;
            }
            int colon = current.indexOf(':');
            String field = colon < 0 ? current : current.substring(0, colon);
            String value = colon < 0 ? "" : current.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                case "event" -> event = value;
                default -> {
                    // id and retry carry nothing a relay needs
                }
            }
        }
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
            }
            byte b = buffer[position++];
            if (b == '\n') {
                if (lastWasCr && line.size() == 0) {
                    lastWasCr = false;
                    continue;
                }
                lastWasCr = false;
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\r') {
                lastWasCr = true;
                return line.toString(StandardCharsets.UTF_8);
            }
            lastWasCr = false;
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
