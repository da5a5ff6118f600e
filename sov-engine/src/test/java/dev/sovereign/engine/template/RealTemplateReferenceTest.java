package dev.sovereign.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.tokenizer.RealVocabularies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real chat templates of tools/npm's vocabularies rendered by us (jinjava) and by two independent renderers:
 * {@code @huggingface/jinja} (the one transformers.js uses, run here with node) and transformers' own (Python
 * Jinja2, whose output tools/hf-reference/tokenizers_and_templates.py stored in real-vocabularies/expected.json).
 */
class RealTemplateReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RENDERER = Path.of("src/test/resources/real-vocabularies/render-with-hf-jinja.mjs");
    private static JsonNode huggingFaceJinja;

    static List<RealTemplateCases.Case> cases() {
        return RealTemplateCases.all();
    }

    @BeforeAll
    static void renderWithHuggingFaceJinja() throws IOException, InterruptedException {
        RealVocabularies.assumeInstalled("@huggingface/jinja");
        List<Map<String, Object>> input = new ArrayList<>();
        for (RealTemplateCases.Case c : cases()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", c.name());
            entry.put("template", RealTemplateCases.template(c.vocabulary()));
            entry.put("messages", c.messages());
            entry.put("tools", c.tools());
            entry.put("add_generation_prompt", c.addGenerationPrompt());
            entry.put("context", c.context());
            input.add(entry);
        }
        ProcessBuilder builder = new ProcessBuilder("node", RENDERER.toAbsolutePath().toString());
        builder.environment().put("SOV_NPM", RealVocabularies.nodeModules().toString());
        Process node = builder.start();
        try (var stdin = node.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(input));
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(node.exitValue()).as("node failed: %s", err).isZero();
        huggingFaceJinja = JSON.readTree(out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactlyAsHuggingFaceJinja(RealTemplateCases.Case c) {
        check(c, huggingFaceJinja.path(c.name()), "@huggingface/jinja");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactlyAsTransformers(RealTemplateCases.Case c) throws IOException {
        try (InputStream in = RealTemplateReferenceTest.class.getResourceAsStream("/real-vocabularies/expected.json")) {
            check(c, JSON.readTree(in).path("renders").path(c.name()), "transformers");
        }
    }

    @Test
    void everyRealTemplateIsCovered() {
        for (String name : RealVocabularies.NAMES) {
            boolean hasTemplate = RealVocabularies.config(name).path("chat_template").isTextual();
            assertThat(cases().stream().anyMatch(c -> c.vocabulary().equals(name)))
                    .as("cases for %s, which %s a chat template", name, hasTemplate ? "has" : "has no")
                    .isEqualTo(hasTemplate);
        }
    }

    @Test
    void aVocabularyWithoutTemplateIsAClearError() {
        // llama2's and gpt-oss's packages ship no chat template; serving them needs one from elsewhere
        for (String name : List.of("llama2", "gptoss")) {
            assertThatThrownBy(() -> ChatTemplate.fromHuggingFaceDirectory(RealVocabularies.directory(name)))
                    .isInstanceOf(ChatTemplateException.class).hasMessageContaining("no chat template");
        }
    }

    private static void check(RealTemplateCases.Case c, JsonNode reference, String oracle) {
        ChatTemplate template = ChatTemplate.fromHuggingFaceDirectory(RealVocabularies.directory(c.vocabulary()));
        if (reference.isObject()) {
            assertThatThrownBy(() -> template.render(c.messages(), c.tools(), c.addGenerationPrompt(), c.context()))
                    .as("%s raises in %s too", c.name(), oracle)
                    .isInstanceOf(ChatTemplateException.class)
                    .hasMessageContaining(reference.path("error").asText());
        } else {
            assertThat(reference.isTextual()).as("%s has case %s", oracle, c.name()).isTrue();
            assertThat(template.render(c.messages(), c.tools(), c.addGenerationPrompt(), c.context()))
                    .as("%s as %s renders it", c.name(), oracle).isEqualTo(reference.asText());
        }
    }
}
