package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.engine.sampling.InvalidSamplingException;
import dev.sovereign.engine.sampling.SamplingOptions;

/**
 * Reads the sampling parameters of a chat or completion request (OpenAI's plus vLLM's extras: top_k, min_p,
 * repetition_penalty, stop_token_ids, ignore_eos) and checks that prompt plus output fit {@code max-model-len}.
 */
final class SamplingRequest {

    private SamplingRequest() {
    }

    /**
     * @param chat logprobs is a boolean with top_logprobs on chat, an integer count on completions
     */
    static SamplingOptions read(ObjectNode body, int promptTokens, int maxModelLen, boolean chat) {
        Params p = new Params(body);
        String limitField = chat && p.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        Integer requested = p.integer(limitField);
        int room = maxModelLen - promptTokens;
        if (requested != null && requested < 1) {
            throw ApiErrors.invalidField(limitField, "must be at least 1, got " + requested);
        }
        if (requested != null && requested > room) {
            throw ApiErrors.invalidField(limitField, "the prompt has " + promptTokens + " tokens, so at most " + room
                    + " more fit in max-model-len " + maxModelLen + "; got " + requested);
        }
        boolean logprobs;
        int top;
        if (chat) {
            logprobs = p.bool("logprobs");
            Integer t = p.integer("top_logprobs");
            top = t == null ? 0 : t;
            if (t != null && !logprobs) {
                throw ApiErrors.invalidField("top_logprobs", "needs logprobs set to true");
            }
        } else {
            Integer count = p.integer("logprobs");
            logprobs = count != null;
            top = count == null ? 0 : count;
            if (count != null && count < 0) {
                throw ApiErrors.invalidField("logprobs", "must be >= 0, got " + count);
            }
        }
        try {
            return new SamplingOptions(p.number("temperature", 1.0), p.number("top_p", 1.0),
                    p.integer("top_k") == null ? -1 : p.integer("top_k"), p.number("min_p", 0.0), p.longValue("seed"),
                    p.number("presence_penalty", 0), p.number("frequency_penalty", 0),
                    p.number("repetition_penalty", 1.0), requested != null ? requested : room, p.strings("stop"),
                    p.integers("stop_token_ids"), p.bool("ignore_eos"), logprobs, top);
        } catch (InvalidSamplingException e) {
            throw ApiErrors.invalidField(e.field(), e.getMessage().substring(e.field().length() + 2));
        }
    }
}
