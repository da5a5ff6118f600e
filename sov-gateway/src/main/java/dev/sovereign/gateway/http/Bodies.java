package dev.sovereign.gateway.http;

import dev.sovereign.api.error.ApiErrors;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body, refusing (413) one over the limit before holding it all in memory. */
public final class Bodies {

    private Bodies() {
    }

    public static byte[] read(ServerRequest request, long maxBytes) {
        var length = request.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > maxBytes) {
            throw ApiErrors.bodyTooLarge(maxBytes);
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw ApiErrors.bodyTooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }
}
