package dev.sovereign.engine.server;

import dev.sovereign.engine.testmodel.ScriptedModel;
import dev.sovereign.engine.tokenizer.ScriptedVocabulary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A generated thinking model ({@link ScriptedModel}) served with {@code --tool-call-parser hermes
 * --reasoning-parser qwen3}: it thinks in a {@code <think>} block, then calls get_weather with arguments written over
 * seven tokens; with thinking off it answers in plain text.
 */
final class ThinkingModel {

    static final String NAME = "thinker";
    static final String REASONING = "I should look up the weather.";
    static final String ARGUMENTS = "{\"city\": \"Paris\", \"unit\": \"celsius\"}";
    static final String ANSWER = "It is sunny in Paris.";
    static final List<String> THINK_THEN_CALL = List.of("<think>", "I should", " look up", " the weather", ".</think>",
            "\n\n<tool_call>", "\n{\"name\": ", "\"get_weather\"", ", \"arguments\": ", "{\"city\": ", "\"Par", "is\", ",
            "\"unit\": ", "\"celsius\"", "}}", "\n</tool_call>");
    static final List<String> ANSWER_ONLY = List.of("It is", " sunny", " in Paris.");
    static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","description":"The weather in a city.",
              "parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},
              "required":["city"]}}}]""";

    private ThinkingModel() {
    }

    static EngineLauncher.Running serve(Path dir) {
        return serve(dir, Map.of(ScriptedVocabulary.NEWLINE, THINK_THEN_CALL, ScriptedVocabulary.BLANK_LINE, ANSWER_ONLY),
                ScriptedModel.THINKING_TEMPLATE, "hermes", "qwen3");
    }

    /** Serves a scripted model as {@value #NAME} with the given parsers (either may be null). */
    static EngineLauncher.Running serve(Path dir, Map<String, List<String>> scripts, String template, String toolCallParser,
            String reasoningParser) {
        Path gguf = ScriptedModel.write(dir.resolve("scripted.gguf"), scripts, template);
        return EngineLauncher.start(new EngineLauncher.Options(gguf, "127.0.0.1", 0, NAME, 4, 256, 8L << 20, false,
                toolCallParser, EngineLauncher.DEFAULT_MAX_WAITING, 1, 0, reasoningParser));
    }
}
