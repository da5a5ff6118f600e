package dev.sovereign.engine.bench.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.IntUnaryOperator;

/**
 * Finds how many words make a prompt of the wanted token count on this server, counting tokens by the server's own
 * {@code usage.prompt_tokens} (which includes a chat template's tokens): two probes fit tokens = overhead + rate x
 * words, then secant steps until the count is hit or stops moving.
 */
final class PromptSizer {

    private static final int MAX_PROBES = 8;

    private PromptSizer() {
    }

    /** @param tokensOf the server's prompt-token count for a prompt of that many words */
    static int wordsFor(int targetTokens, IntUnaryOperator tokensOf) {
        int words = Math.max(1, targetTokens);
        int tokens = tokensOf.applyAsInt(words);
        int previousWords = Math.max(1, words / 2);
        int previousTokens = previousWords == words ? tokens : tokensOf.applyAsInt(previousWords);
        for (int probe = 2; probe < MAX_PROBES && tokens != targetTokens; probe++) {
            double rate = words == previousWords ? 1 : (tokens - previousTokens) / (double) (words - previousWords);
            int next = Math.max(1, (int) Math.round(words + (targetTokens - tokens) / Math.max(rate, 0.05)));
            if (next == words) {
                break;
            }
            previousWords = words;
            previousTokens = tokens;
            words = next;
            tokens = tokensOf.applyAsInt(words);
        }
        return words;
    }

    /** The prompt-token count the server reports for a one-token request on this prompt. */
    static int promptTokens(OpenAiStreamClient client, String model, String prompt, boolean ignoreEos) {
        JsonNode answer = client.send(client.body(model, TextNode.valueOf(prompt), 1, ignoreEos, false));
        JsonNode tokens = answer.path("usage").path("prompt_tokens");
        if (!tokens.isInt()) {
            throw new IllegalStateException("the server's answer has no usage.prompt_tokens, so prompts cannot be "
                    + "sized to a token count: " + abbreviate(answer.toString()));
        }
        return tokens.asInt();
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
