package dev.sovereign.api.openai;

/** Token counts of one response; {@code prompt_tokens_details.cached_tokens} is the prefix-cache hit. */
public record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens, PromptTokensDetails promptTokensDetails) {

    public record PromptTokensDetails(Integer cachedTokens) {
    }

    public static Usage of(int prompt, int completion, int cached) {
        return new Usage(prompt, completion, prompt + completion, cached > 0 ? new PromptTokensDetails(cached) : null);
    }

    public int input() {
        return promptTokens == null ? 0 : promptTokens;
    }

    public int output() {
        return completionTokens == null ? 0 : completionTokens;
    }

    public int cachedInput() {
        return promptTokensDetails == null || promptTokensDetails.cachedTokens() == null ? 0 : promptTokensDetails.cachedTokens();
    }
}
