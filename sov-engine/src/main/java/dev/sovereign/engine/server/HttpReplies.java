package dev.sovereign.engine.server;

import dev.sovereign.api.error.ApiError;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.sse.SseWriter;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** JSON answers, OpenAI-shaped errors and SSE headers of the engine's server. */
final class HttpReplies {

    private HttpReplies() {
    }

    static void json(ServerResponse response, int status, Object body) {
        response.status(Status.create(status));
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(WireJson.write(body));
    }

    static void error(ServerResponse response, ApiException e) {
        if (response.isSent()) {
            return;
        }
        e.retryAfterSeconds().ifPresent(s -> response.header(HeaderNames.RETRY_AFTER, Long.toString(s)));
        json(response, e.status(), e.body());
    }

    static void startStream(ServerResponse response) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, SseWriter.CONTENT_TYPE);
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
    }

    static ApiException queueFull(String message) {
        return new ApiException(503, new ApiError(message, ApiErrors.SERVER, null, "queue_full"), 1L);
    }
}
