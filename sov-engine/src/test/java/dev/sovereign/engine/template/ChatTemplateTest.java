package dev.sovereign.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real-world chat templates rendered by jinjava, checked against the exact prompts transformers produces. */
class ChatTemplateTest {

    static String resource(String name) {
        try (InputStream in = ChatTemplateTest.class.getResourceAsStream("/templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    static List<Map<String, Object>> weatherTool() {
        Map<String, Object> city = new LinkedHashMap<>(Map.of("type", "string"));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("type", "object");
        parameters.put("properties", Map.of("city", city));
        parameters.put("required", List.of("city"));
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", "get_weather");
        function.put("description", "Get the weather");
        function.put("parameters", parameters);
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("type", "function");
        tool.put("function", function);
        return List.of(tool);
    }

    static Map<String, Object> toolCallMessage() {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("name", "get_weather");
        call.put("arguments", Map.of("city", "Paris"));
        Map<String, Object> m = message("assistant", "");
        m.put("tool_calls", List.of(Map.of("type", "function", "function", call)));
        return m;
    }

    @Test
    void messageTextIsNeverRenderedAsTemplateCode() {
        ChatTemplate t = ChatTemplate.of(resource("qwen2.5-instruct.jinja"));
        String text = "{{ 7 * 7 }} {% if true %}yes{% endif %} {{ raise_exception('x') }}";
        String out = t.render(List.of(message("user", text)), null, false, Map.of());
        assertThat(out).contains("<|im_start|>user\n" + text + "<|im_end|>");
    }

    @Test
    void qwen25WithoutTools() {
        ChatTemplate t = ChatTemplate.of(resource("qwen2.5-instruct.jinja"));
        String out = t.render(List.of(message("system", "Be brief."), message("user", "Hi"),
                message("assistant", "Hello!"), message("user", "How are you?")), null, true, Map.of());
        assertThat(out).isEqualTo("""
                <|im_start|>system
                Be brief.<|im_end|>
                <|im_start|>user
                Hi<|im_end|>
                <|im_start|>assistant
                Hello!<|im_end|>
                <|im_start|>user
                How are you?<|im_end|>
                <|im_start|>assistant
                """);
        assertThat(t.render(List.of(message("user", "Hi")), List.of(), false, Map.of())).isEqualTo("""
                <|im_start|>system
                You are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>
                <|im_start|>user
                Hi<|im_end|>
                """);
    }

    @Test
    void qwen25WithToolsAndToolCalls() {
        ChatTemplate t = ChatTemplate.of(resource("qwen2.5-instruct.jinja"));
        String out = t.render(List.of(message("user", "What's the weather in Paris?"), toolCallMessage(),
                message("tool", "{\"temp\": 21}")), weatherTool(), true, Map.of());
        assertThat(out).isEqualTo("""
                <|im_start|>system
                You are Qwen, created by Alibaba Cloud. You are a helpful assistant.

                # Tools

                You may call one or more functions to assist with the user query.

                You are provided with function signatures within <tools></tools> XML tags:
                <tools>
                {"type": "function", "function": {"name": "get_weather", "description": "Get the weather", \
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}
                </tools>

                For each function call, return a json object with function name and arguments within \
                <tool_call></tool_call> XML tags:
                <tool_call>
                {"name": <function-name>, "arguments": <args-json-object>}
                </tool_call><|im_end|>
                <|im_start|>user
                What's the weather in Paris?<|im_end|>
                <|im_start|>assistant
                <tool_call>
                {"name": "get_weather", "arguments": {"city": "Paris"}}
                </tool_call><|im_end|>
                <|im_start|>user
                <tool_response>
                {"temp": 21}
                </tool_response><|im_end|>
                <|im_start|>assistant
                """);
    }

    @Test
    void llama31WithSystemAndDate() {
        ChatTemplate t = ChatTemplate.of(resource("llama-3.1-instruct.jinja"), Map.of("bos_token", "<|begin_of_text|>"));
        String out = t.render(List.of(message("system", "You are a helpful assistant. "), message("user", " Hello!")),
                null, true, Map.of());
        assertThat(out).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
                + "You are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
                + "Hello!<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
        assertThat(t.render(List.of(message("user", "Hi")), null, false, Map.of("date_string", "01 Jan 2026")))
                .contains("Today Date: 01 Jan 2026\n\n<|eot_id|>").endsWith("Hi<|eot_id|>");
    }

    @Test
    void llama31WithToolsInTheFirstUserMessage() {
        ChatTemplate t = ChatTemplate.of(resource("llama-3.1-instruct.jinja"), Map.of("bos_token", "<|begin_of_text|>"));
        String out = t.render(List.of(message("user", "What's the weather in Paris?"), toolCallMessage()),
                weatherTool(), false, Map.of());
        assertThat(out).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Environment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
                + "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
                + "Given the following functions, please respond with a JSON for a function call with its proper "
                + "arguments that best answers the given prompt.\n\n"
                + "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its "
                + "value}.Do not use variables.\n\n"
                + """
                {
                    "type": "function",
                    "function": {
                        "name": "get_weather",
                        "description": "Get the weather",
                        "parameters": {
                            "type": "object",
                            "properties": {
                                "city": {
                                    "type": "string"
                                }
                            },
                            "required": [
                                "city"
                            ]
                        }
                    }
                }

                """
                + "What's the weather in Paris?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
                + "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eot_id|>");
    }

    @Test
    void mistralAlternatesAndRaises() {
        ChatTemplate t = ChatTemplate.of(resource("mistral-instruct.jinja"), Map.of("bos_token", "<s>", "eos_token", "</s>"));
        assertThat(t.render(List.of(message("user", "Hi"), message("assistant", "Hello!"),
                message("user", "How are you?")), null, true, Map.of()))
                .isEqualTo("<s>[INST] Hi [/INST]Hello!</s>[INST] How are you? [/INST]");
        assertThatThrownBy(() -> t.render(List.of(message("system", "x"), message("user", "Hi")), null, true, Map.of()))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessage("chat template raised an exception: Conversation roles must alternate "
                        + "user/assistant/user/assistant/...");
    }

    @Test
    void llama2WithSystemPrompt() {
        ChatTemplate t = ChatTemplate.of(resource("llama-2-chat.jinja"), Map.of("bos_token", "<s>", "eos_token", "</s>"));
        String out = t.render(List.of(message("system", "Be kind."), message("user", " Hi "),
                message("assistant", "Hello! "), message("user", "Bye")), null, true, Map.of());
        assertThat(out).isEqualTo("<s>[INST] <<SYS>>\nBe kind.\n<</SYS>>\n\n Hi [/INST] Hello! </s><s>[INST] Bye [/INST]");
    }

    @Test
    void helperFunctionsAndNamespace() {
        ChatTemplate t = ChatTemplate.of("{%- set ns = namespace(n=0) %}{%- for m in messages %}"
                + "{%- if m.role == 'user' %}{%- set ns.n = ns.n + 1 %}{%- endif %}{%- endfor %}"
                + "{{- ns.n }}|{{ strftime_now('%Y') | length }}|{{ {'b': 1, 'a': [true, none, 'é']} | tojson }}"
                + "|{{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }}");
        assertThat(t.render(List.of(message("user", "a"), message("assistant", "b"), message("user", "c")),
                null, false, Map.of())).isEqualTo("2|4|{\"b\": 1, \"a\": [true, null, \"é\"]}|{\"a\": 2, \"b\": 1}");
    }

    @Test
    void unsupportedConstructIsNamed() {
        ChatTemplate t = ChatTemplate.of("{{ messages[0].content.zfill(5) }}");
        assertThatThrownBy(() -> t.render(List.of(message("user", "xy")), null, false, Map.of()))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("jinjava cannot render").hasMessageContaining("zfill");
    }

    @Test
    void missingTemplates() {
        assertThatThrownBy(() -> ChatTemplate.fromGgufMetadata(Map.of("general.architecture", "llama")))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("tokenizer.chat_template missing");
        assertThatThrownBy(() -> ChatTemplate.of(" "))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("chat template is empty");
    }

    @Test
    void fromHuggingFaceDirectoryRendersAndTokenizes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        dev.sovereign.engine.tokenizer.TinyVocabularies.qwenStyle()
                .writeHuggingFaceFiles(dir, resource("qwen2.5-instruct.jinja"));
        String prompt = ChatTemplate.fromHuggingFaceDirectory(dir)
                .render(List.of(message("user", "Hi")), null, true, Map.of());
        var tokenizer = dev.sovereign.engine.tokenizer.Tokenizers.fromHuggingFaceDirectory(dir);
        int[] tokens = tokenizer.encode(prompt, false, true);
        int imStart = dev.sovereign.engine.tokenizer.TinyVocabularies.qwenStyle().id("<|im_start|>");
        assertThat(java.util.Arrays.stream(tokens).filter(id -> id == imStart).count()).isEqualTo(3);
        assertThat(tokenizer.decode(tokens)).isEqualTo(prompt);
        assertThatThrownBy(() -> ChatTemplate.fromHuggingFaceDirectory(dir.resolve("missing")))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("no chat template in");
    }

    @Test
    void fromGgufMetadataTakesSpecialTokenTexts() {
        ChatTemplate t = ChatTemplate.fromGgufMetadata(Map.of("tokenizer.chat_template", resource("mistral-instruct.jinja"),
                "tokenizer.ggml.tokens", List.of("<unk>", "<s>", "</s>"), "tokenizer.ggml.bos_token_id", 1,
                "tokenizer.ggml.eos_token_id", 2));
        assertThat(t.render(List.of(message("user", "Hi"), message("assistant", "Yo")), null, false, Map.of()))
                .isEqualTo("<s>[INST] Hi [/INST]Yo</s>");
    }
}
