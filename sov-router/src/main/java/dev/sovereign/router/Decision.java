package dev.sovereign.router;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The router's answer for one request.
 *
 * @param model the concrete model to send the request to
 * @param decision the name of the decision that matched ("default" when none did, "fallback"
 *        when the router failed, "jailbreak_blocked" / "pii_blocked" when blocked)
 * @param requestMutation fields to merge into the upstream request body (the model family's
 *        reasoning switch, e.g. {"chat_template_kwargs":{"enable_thinking":true}})
 * @param piiAction allow, block or redact: the chosen model's PII policy applied to what was found
 * @param redactedMessages when piiAction is redact: each message's text with entities replaced
 * @param systemPrompt a system prompt to inject, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Decision(
        String model,
        String decision,
        String domain,
        double domainConfidence,
        String category,
        boolean useReasoning,
        Map<String, Object> requestMutation,
        boolean jailbreak,
        double jailbreakScore,
        List<String> pii,
        List<PiiSpan> piiEntities,
        String piiAction,
        List<String> redactedMessages,
        String systemPrompt,
        boolean blocked,
        String blockReason,
        List<String> keywordRules,
        int contextTokens,
        String encoder,
        boolean fallback,
        double latencyMs) {

    /** One PII entity: type, index of the message it is in, and its character span there. */
    public record PiiSpan(String type, int message, int start, int end) {
    }

    /**
     * The OpenAI-shaped error body a blocked request gets (HTTP 403), naming the reason.
     * Null when the request is not blocked.
     */
    public Map<String, Object> errorBody() {
        if (!blocked) {
            return null;
        }
        String message = switch (blockReason) {
            case "jailbreak" -> String.format(java.util.Locale.ROOT,
                    "Request blocked by the router: jailbreak or prompt injection detected (score %.2f).", jailbreakScore);
            case "pii" -> "Request blocked by the router: the prompt contains PII (" + String.join(", ", pii)
                    + ") that model " + model + " may not receive.";
            case "too_long" -> "Request blocked by the router: the messages hold more than "
                    + dev.sovereign.router.guard.JailbreakGuard.MAX_GUARDED_CHARS
                    + " characters, the most its guards read; shorten the conversation.";
            default -> "Request blocked by the router: " + blockReason + ".";
        };
        return Map.of("error", Map.of(
                "message", message,
                "type", "invalid_request_error",
                "param", "messages",
                "code", blockReason + "_detected"));
    }

    /** Values of the x-sov-* response headers for this decision. */
    public Map<String, String> headers() {
        return RouterHeaders.of(this);
    }
}
