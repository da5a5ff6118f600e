package dev.sovereign.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of templates/cases.json rendered by us and by transformers' own renderer (Python Jinja2), whose
 * output tools/hf-reference/tokenizers_and_templates.py stored in hf-reference/expected.json.
 */
class HuggingFaceTemplateReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String name, String template, List<Map<String, Object>> messages, List<Map<String, Object>> tools,
                boolean addGenerationPrompt, Map<String, Object> extra) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = HuggingFaceTemplateReferenceTest.class.getResourceAsStream("/templates/cases.json")) {
            List<Map<String, Object>> raw = JSON.readValue(in, new TypeReference<>() { });
            return raw.stream().map(HuggingFaceTemplateReferenceTest::toCase).toList().stream();
        }
    }

    @SuppressWarnings("unchecked")
    private static Case toCase(Map<String, Object> c) {
        return new Case((String) c.get("name"), (String) c.get("template"),
                (List<Map<String, Object>>) c.get("messages"), (List<Map<String, Object>>) c.get("tools"),
                (Boolean) c.get("add_generation_prompt"), (Map<String, Object>) c.get("extra"));
    }

    private static JsonNode expected() throws IOException {
        try (InputStream in = HuggingFaceTemplateReferenceTest.class.getResourceAsStream("/hf-reference/expected.json")) {
            return JSON.readTree(in).path("renders");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactlyAsTransformers(Case c) throws IOException {
        JsonNode reference = expected().path(c.name());
        ChatTemplate template = ChatTemplate.of(ChatTemplateTest.resource(c.template()));
        if (reference.isObject()) {
            assertThatThrownBy(() -> template.render(c.messages(), c.tools(), c.addGenerationPrompt(), c.extra()))
                    .isInstanceOf(ChatTemplateException.class)
                    .hasMessageContaining(reference.path("error").asText());
        } else {
            assertThat(reference.isTextual()).as("reference has case %s", c.name()).isTrue();
            assertThat(template.render(c.messages(), c.tools(), c.addGenerationPrompt(), c.extra()))
                    .isEqualTo(reference.asText());
        }
    }
}
