package dev.sovereign.engine.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MistralToolCallParserTest {

    private static final OfferedTools TOOLS = ParserRuns.tools("get_weather", "get_time");

    private static ParsedAnswer parse(String text) {
        return ParserRuns.parse(() -> new MistralToolCallParser(TOOLS), text);
    }

    @Test
    void theArraySpellingOfTokenizersBeforeV11() {
        ParsedAnswer answer = parse("Checking. [TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}, "
                + "{\"name\": \"get_time\", \"arguments\": {\"zone\": \"CET\"}}]");
        assertThat(answer.content()).isEqualTo("Checking. ");
        assertThat(answer.calls()).containsExactly(new ParsedCall("get_weather", "{\"city\": \"Paris\"}"),
                new ParsedCall("get_time", "{\"zone\": \"CET\"}"));
    }

    @Test
    void theNamedSpellingsOfV11AndLater() {
        ParsedAnswer answer = parse("[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Paris\"}[TOOL_CALLS]get_time{\"zone\": \"CET\"}"
                + "[TOOL_CALLS]get_weather[CALL_ID]a1b2c3d4e[ARGS]{\"city\": \"Rome\"}");
        assertThat(answer.content()).isEmpty();
        assertThat(answer.calls()).containsExactly(new ParsedCall("get_weather", "{\"city\": \"Paris\"}"),
                new ParsedCall("get_time", "{\"zone\": \"CET\"}"), new ParsedCall("get_weather", "{\"city\": \"Rome\"}"));
    }

    @Test
    void argumentsArriveInSeveralFragments() {
        List<ToolCallDelta> deltas = ParserRuns.byCharacter(new MistralToolCallParser(TOOLS),
                "[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Paris\"}");
        assertThat(deltas.getFirst()).isEqualTo(new ToolCallDelta.CallOpened(0, "get_weather"));
        assertThat(ParserRuns.fragments(deltas, 0)).isEqualTo("{\"city\": \"Paris\"}".length());
    }

    @Test
    void anInventedNameIsGivenBackAsText() {
        String invented = "[TOOL_CALLS]rm[ARGS]{\"path\": \"/\"}";
        ParsedAnswer answer = parse("ok " + invented + "[TOOL_CALLS]get_time[ARGS]{}");
        assertThat(answer.calls()).containsExactly(new ParsedCall("get_time", "{}"));
        assertThat(answer.content()).isEqualTo("ok " + invented);
    }

    @Test
    void aMarkerFollowedByNoCallStaysText() {
        assertThat(parse("[TOOL_CALLS] is how I call tools").content()).isEqualTo("[TOOL_CALLS] is how I call tools");
        assertThat(parse("half a [TOOL_CA").content()).isEqualTo("half a [TOOL_CA");
    }
}
