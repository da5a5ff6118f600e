package dev.sovereign.api.sse;

import dev.sovereign.api.json.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events, flushing after each so a client sees every event as it is made. */
public final class SseWriter {

    public static final String CONTENT_TYPE = "text/event-stream";
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    public SseWriter(OutputStream out) {
        this.out = out;
    }

    public void send(SseEvent event) throws IOException {
        if (event.event() != null) {
            out.write(EVENT);
            out.write(event.event().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        String[] lines = event.data().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.write(DATA);
            out.write(lines[i].getBytes(StandardCharsets.UTF_8));
            out.write(i == lines.length - 1 ? END : new byte[] {'\n'});
        }
        out.flush();
    }

    /** Sends a wire object as one unnamed {@code data:} event (OpenAI style). */
    public void sendJson(Object value) throws IOException {
        sendJson(null, value);
    }

    /** Sends a wire object as a named event (Anthropic style, the name being the event's type). */
    public void sendJson(String eventName, Object value) throws IOException {
        if (eventName != null) {
            out.write(EVENT);
            out.write(eventName.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.write(DATA);
        out.write(WireJson.write(value));
        out.write(END);
        out.flush();
    }

    public void done() throws IOException {
        send(SseEvent.data(SseEvent.DONE));
    }
}
