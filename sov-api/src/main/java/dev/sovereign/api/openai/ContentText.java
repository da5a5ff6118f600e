package dev.sovereign.api.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** Flattens OpenAI content (a string or a list of typed parts) to its text. */
public final class ContentText {

    private ContentText() {
    }

    public static String of(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    text.append(part.asText());
                } else if (part.hasNonNull("text")) {
                    text.append(part.get("text").asText());
                }
            }
        }
        return text.toString();
    }
}
