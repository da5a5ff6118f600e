package dev.sovereign.gateway.http;

import dev.sovereign.api.error.ApiErrors;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body, refusing (413) one over the limit before holding it all in memory. */
public final class Bodies {

    private Bodies() {
    }

    /** The body; {@link ClientAborted} when the client leaves or breaks the framing before sending it all. */
    public static byte[] read(ServerRequest request, long maxBytes) {
        var length = request.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > maxBytes) {
            throw ApiErrors.bodyTooLarge(maxBytes);
        }
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException | RuntimeException e) {
            // Helidon reports a closed or malformed body as an I/O or a data-reader exception, depending on where it broke
            throw new ClientAborted(e);
        }
        if (body.length > maxBytes) {
            throw ApiErrors.bodyTooLarge(maxBytes);
        }
        return body;
    }
}
