package dev.sovereign.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;

/** Copies an OpenAI {@code usage} object (and the answering model) into the call's counters. */
final class UsageFields {

    private UsageFields() {
    }

    /** A whole answer: its usage, or the length of its text for the estimate when it has none. */
    static void readWhole(JsonNode answer, CallContext call) {
        read(answer, call);
        if (answer != null && !call.usageReported) {
            call.outputChars += UsageEstimate.outputChars(answer);
        }
    }

    static void read(JsonNode answer, CallContext call) {
        if (answer == null) {
            return;
        }
        JsonNode model = answer.get("model");
        if (model != null && model.isTextual() && call.responseModel == null) {
            call.responseModel = model.asText();
        }
        JsonNode usage = answer.get("usage");
        if (usage == null || !usage.isObject()) {
            return;
        }
        call.usageReported = true;
        call.inputTokens = usage.path("prompt_tokens").asLong(0);
        call.outputTokens = usage.path("completion_tokens").asLong(0);
        call.cachedInputTokens = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
    }
}
