package dev.sovereign.api.anthropic;

/** Anthropic token counts; {@code cache_read_input_tokens} is the prefix-cache hit. */
public record AnthropicUsage(Integer inputTokens, Integer outputTokens, Integer cacheReadInputTokens) {
}
