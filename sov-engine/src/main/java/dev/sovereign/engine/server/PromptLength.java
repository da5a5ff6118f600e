package dev.sovereign.engine.server;

import dev.sovereign.api.error.ApiErrors;

/** A prompt must leave room for at least one generated token within max-model-len. */
final class PromptLength {

    private PromptLength() {
    }

    static void check(int promptTokens, int maxModelLen, String field) {
        if (promptTokens == 0) {
            throw ApiErrors.invalidField(field, "the prompt is empty");
        }
        if (promptTokens >= maxModelLen) {
            throw ApiErrors.invalidField(field, "the prompt has " + promptTokens + " tokens; max-model-len is " + maxModelLen
                    + ", which leaves no room to generate");
        }
    }
}
