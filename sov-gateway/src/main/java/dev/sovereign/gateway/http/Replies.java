package dev.sovereign.gateway.http;

import dev.sovereign.api.error.AnthropicErrorBody;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.WireJson;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;

/** Writes JSON answers and errors (in the OpenAI shape, or Anthropic's on /v1/messages). */
public final class Replies {

    public static final String OVERHEAD_HEADER = "x-sov-overhead-ms";

    private Replies() {
    }

    public static void json(ServerResponse response, int status, Object body) {
        json(response, status, WireJson.write(body));
    }

    public static void json(ServerResponse response, int status, byte[] body) {
        response.status(Status.create(status));
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(body);
    }

    public static void error(ServerResponse response, ApiException e, boolean anthropicShape) {
        if (response.isSent()) {
            return;
        }
        e.retryAfterSeconds().ifPresent(s -> response.header(HeaderNames.RETRY_AFTER, Long.toString(s)));
        json(response, e.status(), anthropicShape ? AnthropicErrorBody.of(e) : e.body());
    }

    /**
     * The answer to a client that left before its body was read: nobody may read it, but the server must be
     * given one, and a write to a closed connection is nothing to report.
     */
    public static void toAbortedClient(ServerResponse response, boolean anthropicShape) {
        try {
            error(response, new ApiException(400, new dev.sovereign.api.error.ApiError(
                    "the request body ended before its declared length", dev.sovereign.api.error.ApiErrors.INVALID_REQUEST,
                    null, "incomplete_body")), anthropicShape);
        } catch (RuntimeException ignored) {
            // the connection is gone, as expected
        }
    }

    public static void overhead(ServerResponse response, double millis) {
        response.header(OVERHEAD_HEADER, String.format(Locale.ROOT, "%.3f", millis));
    }
}
