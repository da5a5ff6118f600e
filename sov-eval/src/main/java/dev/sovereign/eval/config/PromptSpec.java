package dev.sovereign.eval.config;

/** A prompt template; {@code raw} is either plain text or a JSON list of chat messages. */
public record PromptSpec(String raw, String label) {
}
