package dev.sovereign.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tokens charged when a backend answered without {@code usage} (or the stream ended before it):
 * never zero, since an answer that reports nothing must not be free. The estimate is stated in
 * docs/gateway.md: four characters a token for the prompt and for a whole answer's text (as
 * {@code count_tokens} estimates), one token per streamed content event, at least one token each.
 */
final class UsageEstimate {

    static final double CHARS_PER_TOKEN = 4.0;

    private UsageEstimate() {
    }

    /** Fills the call's counters from what was sent and relayed, when the backend reported no usage. */
    static void fill(CallContext call) {
        String prompt = call.prompt == null ? null : call.prompt.get();
        call.inputTokens = Math.max(1, tokens(prompt == null ? 0 : prompt.length()));
        call.cachedInputTokens = 0;
        if (call.operation.producesOutput()) {
            call.outputTokens = Math.max(1, Math.max(call.contentEvents, tokens(call.outputChars)));
        }
    }

    private static long tokens(long chars) {
        return (long) Math.ceil(chars / CHARS_PER_TOKEN);
    }

    /** Characters of generated text in a whole OpenAI or Anthropic answer: content, completions text, tool arguments. */
    static long outputChars(JsonNode answer) {
        long chars = 0;
        for (JsonNode choice : answer.path("choices")) {
            chars += textLength(choice.path("text"));
            JsonNode message = choice.path("message");
            chars += textLength(message.path("content")) + textLength(message.path("reasoning_content"));
            for (JsonNode call : message.path("tool_calls")) {
                chars += textLength(call.path("function").path("name")) + textLength(call.path("function").path("arguments"));
            }
        }
        for (JsonNode block : answer.path("content")) {
            chars += textLength(block.path("text")) + textLength(block.path("thinking"));
            if (block.has("input")) {
                chars += block.get("input").toString().length();
            }
        }
        return chars;
    }

    private static long textLength(JsonNode node) {
        return node.isTextual() ? node.asText().length() : 0;
    }
}
