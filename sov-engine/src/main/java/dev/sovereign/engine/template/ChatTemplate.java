package dev.sovereign.engine.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A model's own Jinja chat template, rendered the way Hugging Face transformers renders it. */
public final class ChatTemplate {
    private final String source;

    private ChatTemplate(String source) {
        this.source = source;
    }

    public static ChatTemplate of(String source) {
        return new ChatTemplate(source);
    }

    /** From {@code tokenizer_config.json} (key chat_template) or {@code chat_template.jinja} in {@code dir}. */
    public static ChatTemplate fromHuggingFaceDirectory(Path dir) {
        throw new ChatTemplateException("not implemented yet");
    }

    /** From GGUF metadata key {@code tokenizer.chat_template}. */
    public static ChatTemplate fromGgufMetadata(Map<String, Object> metadata) {
        throw new ChatTemplateException("not implemented yet");
    }

    public String source() {
        return source;
    }

    public String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools,
                         boolean addGenerationPrompt, Map<String, Object> extraContext) {
        throw new ChatTemplateException("not implemented yet");
    }
}
