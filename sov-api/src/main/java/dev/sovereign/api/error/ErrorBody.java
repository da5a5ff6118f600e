package dev.sovereign.api.error;

/** The OpenAI error envelope: {@code {"error": {"message", "type", "param", "code"}}}. */
public record ErrorBody(ApiError error) {
}
