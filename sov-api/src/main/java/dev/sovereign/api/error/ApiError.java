package dev.sovereign.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The inner object of the OpenAI error shape, {@code {"error": {...}}}. {@code param} names the
 * request field at fault, so a client can tell which of its inputs to fix.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiError(String message, String type, String param, String code) {
}
