package dev.sovereign.gateway.auth;

import dev.sovereign.api.error.ApiErrors;
import java.util.Optional;

/**
 * Finds the caller's key in {@code Authorization: Bearer KEY} or {@code x-api-key: KEY}
 * (Anthropic SDKs send the latter). The key is hashed at once and appears in no message or log.
 */
public final class Authenticator {

    private final KeyRegistry keys;

    public Authenticator(KeyRegistry keys) {
        this.keys = keys;
    }

    public ApiKey authenticate(Optional<String> authorization, Optional<String> xApiKey) {
        String presented = presented(authorization, xApiKey);
        return keys.findByKey(presented).orElseThrow(() -> ApiErrors.unauthorized("invalid or revoked API key"));
    }

    /** The key sent by the client, or 401 when it sent none. */
    public static String presented(Optional<String> authorization, Optional<String> xApiKey) {
        if (authorization.isPresent()) {
            String value = authorization.get().trim();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7) && value.length() > 7) {
                return value.substring(7).trim();
            }
            if (xApiKey.isEmpty()) {
                throw ApiErrors.unauthorized("the Authorization header must be 'Bearer <API key>'");
            }
        }
        if (xApiKey.isPresent() && !xApiKey.get().isBlank()) {
            return xApiKey.get().trim();
        }
        throw ApiErrors.unauthorized("missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'");
    }
}
