package dev.sovereign.api.openai;

/** {@code stream_options}: {@code include_usage} asks for a final chunk carrying the usage. */
public record StreamOptions(Boolean includeUsage) {

    public boolean wantsUsage() {
        return Boolean.TRUE.equals(includeUsage);
    }
}
