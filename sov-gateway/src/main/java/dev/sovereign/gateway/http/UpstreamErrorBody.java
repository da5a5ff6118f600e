package dev.sovereign.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.error.ApiError;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.json.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A backend's error answer in the OpenAI shape. vLLM and our engine answer errors as
 * {@code {"error": {...}}}, which is relayed as it is; a plain-text page (a server's own 404 for a path it
 * does not serve, a proxy's 502) is wrapped, so clients always find {@code error.message}.
 */
public final class UpstreamErrorBody {

    private static final int QUOTED_CHARS = 200;

    private UpstreamErrorBody() {
    }

    /** Whether {@code body} already is an OpenAI error object. */
    public static boolean isOpenAiShape(byte[] body) {
        try {
            JsonNode error = WireJson.mapper().readTree(body).path("error");
            return error.isObject() && error.path("message").isTextual();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The error object for a backend that answered {@code status} with a body in another shape. */
    public static byte[] wrap(int status, String backend, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (text.length() > QUOTED_CHARS) {
            text = text.substring(0, QUOTED_CHARS) + "…";
        }
        String message = "backend '" + backend + "' answered " + status + (text.isEmpty() ? "" : ": " + text)
                + (status == 404 ? " (it does not serve this endpoint)" : "");
        String type = status < 500 ? ApiErrors.INVALID_REQUEST : ApiErrors.UPSTREAM;
        return WireJson.write(new dev.sovereign.api.error.ErrorBody(new ApiError(message, type, null, "upstream_" + status)));
    }
}
