package dev.sovereign.engine.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.tokenizer.RealVocabularies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversations real-vocabularies/template-cases.json renders with each real chat template (tools, system,
 * multi-turn, add_generation_prompt, thinking on and off). A case names its vocabulary; the template and the
 * special tokens come from that vocabulary's tokenizer_config.json, as transformers' apply_chat_template takes them.
 */
public final class RealTemplateCases {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealTemplateCases() {
    }

    /** One conversation for one vocabulary's template. */
    public record Case(String name, String vocabulary, List<Map<String, Object>> messages,
                       List<Map<String, Object>> tools, boolean addGenerationPrompt, Map<String, Object> extra) {
        @Override
        public String toString() {
            return name;
        }

        /** What the template sees besides messages, tools and add_generation_prompt. */
        public Map<String, Object> context() {
            Map<String, Object> context = new HashMap<>(RealVocabularies.specialTokens(vocabulary));
            context.putAll(extra);
            return context;
        }
    }

    /** Writes the reference inputs into {@code args[0]/templates}. */
    public static void main(String[] args) throws IOException {
        writeReferenceInputs(Files.createDirectories(Path.of(args[0]).resolve("templates")));
    }

    public static List<Case> all() {
        try (InputStream in = RealTemplateCases.class.getResourceAsStream("/real-vocabularies/template-cases.json")) {
            List<Map<String, Object>> raw = JSON.readValue(in, new TypeReference<>() { });
            return raw.stream().map(RealTemplateCases::toCase).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Case toCase(Map<String, Object> c) {
        return new Case((String) c.get("name"), (String) c.get("template"),
                (List<Map<String, Object>>) c.get("messages"), (List<Map<String, Object>>) c.get("tools"),
                (Boolean) c.get("add_generation_prompt"), (Map<String, Object>) c.get("extra"));
    }

    /** The vocabulary's own chat template text, exactly as its tokenizer_config.json holds it. */
    public static String template(String vocabulary) {
        return RealVocabularies.config(vocabulary).path("chat_template").asText();
    }

    /**
     * Writes {@code <vocabulary>.jinja} and cases.json in the layout of sov-engine's templates folder, which
     * tools/hf-reference/tokenizers_and_templates.py renders with transformers.
     */
    public static void writeReferenceInputs(Path dir) throws IOException {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (Case c : all()) {
            Files.writeString(dir.resolve(c.vocabulary() + ".jinja"), template(c.vocabulary()));
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("name", c.name());
            written.put("template", c.vocabulary() + ".jinja");
            written.put("messages", c.messages());
            written.put("tools", c.tools());
            written.put("add_generation_prompt", c.addGenerationPrompt());
            written.put("extra", c.context());
            cases.add(written);
        }
        Files.writeString(dir.resolve("cases.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cases));
    }
}
