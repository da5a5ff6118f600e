package dev.sovereign.engine.toolcall;

import static dev.sovereign.engine.toolcall.ParserRuns.fragments;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HermesToolCallParserTest {

    private static final OfferedTools WEATHER_AND_NOOP = ParserRuns.tools("get_weather", "noop");

    private static ParsedAnswer parse(OfferedTools tools, boolean insideCall, String text) {
        return ParserRuns.parse(() -> new HermesToolCallParser(tools, insideCall), text);
    }

    @Test
    void splitsContentAndCallsWhateverTheChunking() {
        String text = "Sure. <tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>"
                + "<tool_call>{\"name\": \"noop\"}</tool_call>";
        ParsedAnswer answer = parse(WEATHER_AND_NOOP, false, text);
        assertThat(answer.content()).isEqualTo("Sure. ");
        assertThat(answer.calls()).containsExactly(new ParsedCall("get_weather", "{\"city\": \"Paris\"}"),
                new ParsedCall("noop", "{}"));
    }

    @Test
    void argumentsStreamAsTheyAreWrittenAfterTheCallOpensWithItsName() {
        String text = "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": [1, 2]}}</tool_call>";
        List<ToolCallDelta> deltas = ParserRuns.byCharacter(new HermesToolCallParser(WEATHER_AND_NOOP, false), text);
        assertThat(deltas.getFirst()).isEqualTo(new ToolCallDelta.CallOpened(0, "get_weather"));
        assertThat(fragments(deltas, 0)).isEqualTo("{\"city\": \"Paris\", \"days\": [1, 2]}".length());
        // the call opens the moment its name is read, before any of its arguments
        List<ToolCallDelta> untilName = ParserRuns.stream(new HermesToolCallParser(WEATHER_AND_NOOP, false),
                List.of("<tool_call>{\"name\": \"get_weather\"", ", \"arguments\": {\"ci"));
        assertThat(untilName).startsWith(new ToolCallDelta.CallOpened(0, "get_weather"),
                new ToolCallDelta.Arguments(0, "{\"ci"));
    }

    @Test
    void textBetweenAndAfterCallsStaysContentInOrder() {
        ParsedAnswer answer = parse(WEATHER_AND_NOOP, false,
                "a<tool_call>{\"name\": \"noop\", \"arguments\": {}}</tool_call>b<tool_call>{\"arguments\": {\"x\": 1}, \"name\": \"noop\"}</tool_call>c");
        assertThat(answer.content()).isEqualTo("abc");
        // a name written after the arguments: the call opens late and its arguments go out at once
        assertThat(answer.calls()).containsExactly(new ParsedCall("noop", "{}"), new ParsedCall("noop", "{\"x\": 1}"));
    }

    @Test
    void argumentsWrittenAsAJsonStringAreDecoded() {
        assertThat(parse(WEATHER_AND_NOOP, false,
                "<tool_call>{\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}</tool_call>").calls())
                .containsExactly(new ParsedCall("get_weather", "{\"city\": \"Oslo\"}"));
    }

    @Test
    void anUnclosedCallCountsAndBrokenJsonStaysText() {
        assertThat(parse(ParserRuns.tools("f"), true, "{\"name\": \"f\", \"arguments\": {}}").calls())
                .containsExactly(new ParsedCall("f", "{}"));
        ParsedAnswer broken = parse(ParserRuns.tools("f"), false, "x <tool_call>{oops</tool_call>");
        assertThat(broken.calls()).isEmpty();
        assertThat(broken.content()).isEqualTo("x <tool_call>{oops</tool_call>");
        assertThat(parse(ParserRuns.tools("f"), false, "a <tool_c").content()).isEqualTo("a <tool_c");
    }

    @Test
    void aCallToAToolThatWasNotOfferedIsGivenBackAsTheTextTheModelWrote() {
        String invented = "<tool_call>\n{\"name\": \"read\", \"arguments\": {\"path\": \"/etc\"}}\n</tool_call>";
        OfferedTools weather = ParserRuns.tools("get_weather");
        ParsedAnswer out = parse(weather, false, "Let me look. " + invented);
        assertThat(out.calls()).isEmpty();
        assertThat(out.content()).isEqualTo("Let me look. " + invented);

        ParsedAnswer mixed = parse(weather, false,
                invented + "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>");
        assertThat(mixed.calls()).containsExactly(new ParsedCall("get_weather", "{\"city\": \"Paris\"}"));
        assertThat(mixed.content()).isEqualTo(invented);

        // tool_choice required opened the call in the prompt; an invented name unclosed at the end is still text
        ParsedAnswer forced = parse(weather, true, "{\"name\": \"read\", \"arguments\": {}}");
        assertThat(forced.calls()).isEmpty();
        assertThat(forced.content()).contains("\"read\"");
    }

    @Test
    void withNoToolOfferedNothingIsACall() {
        ParsedAnswer out = parse(ParserRuns.tools(), false, "<tool_call>{\"name\": \"noop\"}</tool_call>");
        assertThat(out.calls()).isEmpty();
        assertThat(out.content()).isEqualTo("<tool_call>{\"name\": \"noop\"}</tool_call>");
    }
}
