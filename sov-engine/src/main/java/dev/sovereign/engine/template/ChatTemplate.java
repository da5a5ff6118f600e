package dev.sovereign.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's own Jinja chat template, rendered by jinjava configured the way Hugging Face transformers renders
 * (trim_blocks, lstrip_blocks, raise_exception, strftime_now, Python-style tojson, namespace, loop controls).
 */
public final class ChatTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Jinjava JINJAVA = newJinjava();

    private final String source;
    private final String renderable;
    private final Map<String, Object> specialTokens;

    private ChatTemplate(String source, Map<String, Object> specialTokens) {
        if (source == null || source.isBlank()) {
            throw new ChatTemplateException("chat template is empty");
        }
        this.source = source;
        this.renderable = JinjaCompatibility.rewrite(source);
        this.specialTokens = Map.copyOf(specialTokens);
    }

    /** A template text that uses no special-token variables. */
    public static ChatTemplate of(String source) {
        return new ChatTemplate(source, Map.of());
    }

    /** A template text with the special-token strings it may use ({@code bos_token}, {@code eos_token}). */
    public static ChatTemplate of(String source, Map<String, Object> specialTokens) {
        return new ChatTemplate(source, specialTokens);
    }

    /** From {@code chat_template.jinja} or tokenizer_config.json's {@code chat_template} in {@code dir}. */
    public static ChatTemplate fromHuggingFaceDirectory(Path dir) {
        Path configFile = dir.resolve("tokenizer_config.json");
        JsonNode config = JSON.missingNode();
        if (Files.isRegularFile(configFile)) {
            try {
                config = JSON.readTree(configFile.toFile());
            } catch (IOException e) {
                throw new ChatTemplateException("tokenizer_config.json in " + dir + " is not valid JSON", e);
            }
        }
        Map<String, Object> special = new HashMap<>();
        for (String field : List.of("bos_token", "eos_token", "unk_token", "pad_token")) {
            JsonNode node = config.path(field);
            String text = node.isTextual() ? node.asText() : node.path("content").isTextual()
                    ? node.path("content").asText() : null;
            if (text != null) {
                special.put(field, text);
            }
        }
        Path jinja = dir.resolve("chat_template.jinja");
        try {
            if (Files.isRegularFile(jinja)) {
                return new ChatTemplate(Files.readString(jinja), special);
            }
        } catch (IOException e) {
            throw new ChatTemplateException("cannot read " + jinja + ": " + e.getMessage(), e);
        }
        JsonNode template = config.path("chat_template");
        if (template.isArray()) { // named templates: [{"name": "default", "template": ...}, ...]
            for (JsonNode named : template) {
                if ("default".equals(named.path("name").asText())) {
                    template = named.path("template");
                }
            }
        }
        if (!template.isTextual()) {
            throw new ChatTemplateException("no chat template in " + dir
                    + " (neither chat_template.jinja nor tokenizer_config.json's chat_template)");
        }
        return new ChatTemplate(template.asText(), special);
    }

    /** From GGUF metadata key {@code tokenizer.chat_template}; BOS/EOS texts come from the GGUF vocabulary. */
    public static ChatTemplate fromGgufMetadata(Map<String, Object> metadata) {
        if (!(metadata.get("tokenizer.chat_template") instanceof String template)) {
            throw new ChatTemplateException("GGUF file has no chat template (tokenizer.chat_template missing)");
        }
        Map<String, Object> special = new HashMap<>();
        if (metadata.get("tokenizer.ggml.tokens") instanceof List<?> tokens) {
            putToken(special, "bos_token", metadata.get("tokenizer.ggml.bos_token_id"), tokens);
            putToken(special, "eos_token", metadata.get("tokenizer.ggml.eos_token_id"), tokens);
        }
        return new ChatTemplate(template, special);
    }

    private static void putToken(Map<String, Object> special, String name, Object id, List<?> tokens) {
        if (id instanceof Number n && n.intValue() >= 0 && n.intValue() < tokens.size()) {
            special.put(name, tokens.get(n.intValue()));
        }
    }

    public String source() {
        return source;
    }

    /**
     * @param tools        OpenAI-style tool definitions, or null/empty for none (then {@code tools} is undefined,
     *                     as transformers leaves it)
     * @param extraContext further template variables (e.g. {@code date_string}); they override the defaults
     */
    public String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools,
                         boolean addGenerationPrompt, Map<String, Object> extraContext) {
        if (messages == null) {
            throw new ChatTemplateException("messages is null");
        }
        Map<String, Object> context = new HashMap<>(specialTokens);
        context.put("messages", messages);
        if (tools != null && !tools.isEmpty()) {
            context.put("tools", tools);
        }
        context.put("add_generation_prompt", addGenerationPrompt);
        if (extraContext != null) {
            context.putAll(extraContext);
        }
        RenderResult result;
        try {
            result = JINJAVA.renderForResult(renderable, context);
        } catch (TemplateFunctions.TemplateRaisedException e) {
            throw new ChatTemplateException("chat template raised an exception: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ChatTemplateException("chat template cannot be rendered: " + e.getMessage(), e);
        }
        for (TemplateError error : result.getErrors()) {
            TemplateFunctions.TemplateRaisedException raised = raisedCause(error.getException());
            if (raised != null) {
                throw new ChatTemplateException("chat template raised an exception: " + raised.getMessage());
            }
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ChatTemplateException("chat template uses something jinjava cannot render (line "
                        + error.getLineno() + ", " + error.getFieldName() + "): " + error.getMessage());
            }
        }
        return result.getOutput();
    }

    private static TemplateFunctions.TemplateRaisedException raisedCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TemplateFunctions.TemplateRaisedException raised) {
                return raised;
            }
        }
        return null;
    }

    private static Jinjava newJinjava() {
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withElResolver(new PythonStringMethods(JinjavaConfig.newBuilder().build().getElResolver()))
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                // jinjava re-renders output that looks like a template ("{{ x }}" inside a message) unless told not
                // to: message text is data, never template code (Python Jinja and @huggingface/jinja agree)
                .withNestedInterpretationEnabled(false)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true) // {{- x -}} strips like Python Jinja
                        .withParseWhitespaceControlStrictly(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .build());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                TemplateFunctions.class, "raiseException", Object.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                TemplateFunctions.class, "strftimeNow", String.class));
        HuggingFaceFilters.all().forEach(f -> jinjava.getGlobalContext().registerFilter(f));
        PythonTests.all().forEach(t -> jinjava.getGlobalContext().registerExpTest(t));
        return jinjava;
    }
}
