package dev.sovereign.engine.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Qwen3CoderToolCallParserTest {

    private static final OfferedTools TOOLS;

    static {
        Map<String, Map<String, String>> types = new LinkedHashMap<>();
        types.put("write_file", Map.of("path", "string", "content", "string", "mode", "integer", "force", "boolean",
                "ratio", "number", "tags", "array", "options", "object"));
        types.put("list_files", Map.of());
        TOOLS = ParserRuns.tools(types);
    }

    private static ParsedAnswer parse(String text) {
        return ParserRuns.parse(() -> new Qwen3CoderToolCallParser(TOOLS), text);
    }

    @Test
    void valuesBecomeJsonByTheirSchemaType() {
        ParsedAnswer answer = parse("I will write it.\n<tool_call>\n<function=write_file>\n"
                + "<parameter=path>\nsrc/a.py\n</parameter>\n"
                + "<parameter=content>\nprint(\"hi\\n\")\nx = 1\n</parameter>\n"
                + "<parameter=mode>\n644\n</parameter>\n<parameter=force>\nTrue\n</parameter>\n"
                + "<parameter=ratio>\n0.5\n</parameter>\n<parameter=tags>\n[\"a\", \"b\"]\n</parameter>\n"
                + "<parameter=options>\n{\"x\": null}\n</parameter>\n<parameter=extra>\nnull\n</parameter>\n"
                + "</function>\n</tool_call>");
        assertThat(answer.content()).isEqualTo("I will write it.\n");
        assertThat(answer.calls()).hasSize(1);
        assertThat(answer.calls().getFirst().name()).isEqualTo("write_file");
        assertThat(ParserRuns.arguments(answer.calls().getFirst())).isEqualTo(ParserRuns.json(
                "{\"path\": \"src/a.py\", \"content\": \"print(\\\"hi\\\\n\\\")\\nx = 1\", \"mode\": 644, \"force\": true,"
                        + " \"ratio\": 0.5, \"tags\": [\"a\", \"b\"], \"options\": {\"x\": null}, \"extra\": null}"));
    }

    @Test
    void argumentsStreamAParameterAtATime() {
        List<ToolCallDelta> deltas = ParserRuns.byCharacter(new Qwen3CoderToolCallParser(TOOLS),
                "<tool_call>\n<function=write_file>\n<parameter=path>\na\n</parameter>\n<parameter=mode>\n7\n</parameter>\n"
                        + "</function>\n</tool_call>");
        assertThat(deltas).containsExactly(new ToolCallDelta.CallOpened(0, "write_file"),
                new ToolCallDelta.Arguments(0, "{\"path\": \"a\""), new ToolCallDelta.Arguments(0, ", \"mode\": 7"),
                new ToolCallDelta.Arguments(0, "}"));
    }

    @Test
    void severalCallsAFunctionWithoutParametersAndAValueThatIsNotItsType() {
        ParsedAnswer answer = parse("<tool_call><function=list_files></function></tool_call>"
                + "<tool_call><function=write_file><parameter=mode>rw</parameter></function></tool_call>");
        assertThat(answer.calls()).containsExactly(new ParsedCall("list_files", "{}"),
                new ParsedCall("write_file", "{\"mode\": \"rw\"}"));
    }

    @Test
    void anInventedFunctionIsGivenBackAsTextAndAnUnfinishedCallStillCounts() {
        String invented = "<tool_call>\n<function=rm>\n<parameter=path>\n/\n</parameter>\n</function>\n</tool_call>";
        ParsedAnswer answer = parse("x " + invented + "<tool_call>\n<function=write_file>\n<parameter=path>\nb.txt\n");
        assertThat(answer.content()).isEqualTo("x " + invented);
        assertThat(answer.calls()).containsExactly(new ParsedCall("write_file", "{\"path\": \"b.txt\"}"));
    }
}
