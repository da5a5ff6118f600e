package dev.sovereign.eval.provider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one model call returned. {@code output} is text, or (for tool calls without text) the JSON
 * list of tool calls, as Promptfoo's OpenAI provider returns it. {@code cost} is null when no price
 * is configured; {@code error} is set (and output null) when the call failed.
 */
public record ProviderResponse(
        JsonNode output,
        TokenUsage tokenUsage,
        long latencyMs,
        Double cost,
        String finishReason,
        String error) {

    public record TokenUsage(int total, int prompt, int completion) {
        public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

        public TokenUsage plus(TokenUsage other) {
            return new TokenUsage(total + other.total, prompt + other.prompt, completion + other.completion);
        }
    }

    public static ProviderResponse failed(String error, long latencyMs) {
        return new ProviderResponse(null, TokenUsage.NONE, latencyMs, null, null, error);
    }

    /** The output as a string: text as is, anything else as JSON (Promptfoo's {@code coerceString}). */
    public String outputString() {
        if (output == null || output.isNull()) {
            return "";
        }
        return output.isTextual() ? output.textValue() : output.toString();
    }
}
