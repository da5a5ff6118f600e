package dev.sovereign.api.error;

/** Factory for the errors every OpenAI-compatible server answers with, named after their cause. */
public final class ApiErrors {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String AUTHENTICATION = "authentication_error";
    public static final String PERMISSION = "permission_error";
    public static final String NOT_FOUND = "not_found_error";
    public static final String RATE_LIMIT = "rate_limit_exceeded";
    public static final String UPSTREAM = "upstream_error";
    public static final String TIMEOUT = "timeout";
    public static final String SERVER = "server_error";

    private ApiErrors() {
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, new ApiError(field + ": " + message, INVALID_REQUEST, field, "invalid_value"));
    }

    public static ApiException missingField(String field) {
        return new ApiException(400, new ApiError(field + ": is required", INVALID_REQUEST, field, "missing_required_parameter"));
    }

    public static ApiException malformedJson(String detail) {
        return new ApiException(400, new ApiError("request body is not valid JSON: " + detail, INVALID_REQUEST, null, "invalid_json"));
    }

    public static ApiException bodyTooLarge(long limitBytes) {
        return new ApiException(413, new ApiError("request body is larger than the limit of " + limitBytes + " bytes",
                INVALID_REQUEST, null, "request_too_large"));
    }

    public static ApiException modelNotFound(String model) {
        return new ApiException(404, new ApiError("model '" + model + "' does not exist or is not served here",
                NOT_FOUND, "model", "model_not_found"));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, new ApiError(message, AUTHENTICATION, null, "invalid_api_key"));
    }

    public static ApiException forbiddenModel(String model) {
        return new ApiException(403, new ApiError("this API key may not use model '" + model + "'",
                PERMISSION, "model", "model_not_allowed"));
    }

    public static ApiException rateLimited(String message, long retryAfterSeconds) {
        return new ApiException(429, new ApiError(message, RATE_LIMIT, null, "rate_limit_exceeded"), Math.max(1, retryAfterSeconds));
    }

    public static ApiException upstreamFailed(int status, String backend, String detail) {
        return new ApiException(status, new ApiError("backend '" + backend + "' failed: " + detail, UPSTREAM, null, "upstream_unavailable"));
    }

    public static ApiException upstreamTimeout(String backend, long timeoutMs) {
        return new ApiException(504, new ApiError("backend '" + backend + "' did not answer within " + timeoutMs + " ms",
                TIMEOUT, null, "upstream_timeout"));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, new ApiError(what + " not found", NOT_FOUND, null, "not_found"));
    }

    public static ApiException internal(String message) {
        return new ApiException(500, new ApiError(message, SERVER, null, "internal_error"));
    }
}
