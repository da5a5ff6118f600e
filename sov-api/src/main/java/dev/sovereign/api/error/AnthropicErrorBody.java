package dev.sovereign.api.error;

/**
 * The Anthropic error envelope: {@code {"type":"error","error":{"type","message"}}}. Anthropic SDKs
 * read this shape, so {@code /v1/messages} answers errors in it.
 */
public record AnthropicErrorBody(String type, Detail error) {

    public record Detail(String type, String message) {
    }

    public static AnthropicErrorBody of(ApiException e) {
        return new AnthropicErrorBody("error", new Detail(anthropicType(e.status()), e.getMessage()));
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 400, 413, 422 -> status == 413 ? "request_too_large" : "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 529, 503 -> "overloaded_error";
            default -> "api_error";
        };
    }
}
