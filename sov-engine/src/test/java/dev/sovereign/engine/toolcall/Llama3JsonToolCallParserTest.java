package dev.sovereign.engine.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Llama3JsonToolCallParserTest {

    private static final OfferedTools TOOLS = ParserRuns.tools("get_weather", "get_time");

    private static ParsedAnswer parse(String text) {
        return ParserRuns.parse(() -> new Llama3JsonToolCallParser(TOOLS), text);
    }

    @Test
    void anAnswerThatIsACallBecomesOneWithParametersAsArguments() {
        ParsedAnswer answer = parse(" {\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}");
        assertThat(answer.content()).isEmpty();
        assertThat(answer.calls()).containsExactly(new ParsedCall("get_weather", "{\"city\": \"Paris\"}"));
    }

    @Test
    void thePythonTagAndSeveralCallsSeparatedBySemicolons() {
        ParsedAnswer answer = parse("<|python_tag|>{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Oslo\"}}; "
                + "{\"name\": \"get_time\", \"arguments\": {\"zone\": \"CET\"}}");
        assertThat(answer.calls()).containsExactly(new ParsedCall("get_weather", "{\"city\": \"Oslo\"}"),
                new ParsedCall("get_time", "{\"zone\": \"CET\"}"));
        assertThat(answer.content()).isEmpty();
    }

    @Test
    void argumentsArriveInSeveralFragments() {
        List<ToolCallDelta> deltas = ParserRuns.byCharacter(new Llama3JsonToolCallParser(TOOLS),
                "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}");
        assertThat(deltas.getFirst()).isEqualTo(new ToolCallDelta.CallOpened(0, "get_weather"));
        assertThat(ParserRuns.fragments(deltas, 0)).isGreaterThan(5);
    }

    @Test
    void anAnswerThatStartsWithTextIsContentEvenIfACallFollows() {
        String text = "Here you go: {\"name\": \"get_weather\", \"parameters\": {}}";
        ParsedAnswer answer = parse(text);
        assertThat(answer.calls()).isEmpty();
        assertThat(answer.content()).isEqualTo(text);
    }

    @Test
    void inventedNamesAndPlainJsonStayText() {
        ParsedAnswer invented = parse("{\"name\": \"rm\", \"parameters\": {\"path\": \"/\"}}");
        assertThat(invented.calls()).isEmpty();
        assertThat(invented.content()).isEqualTo("{\"name\": \"rm\", \"parameters\": {\"path\": \"/\"}}");
        ParsedAnswer document = parse("{\"answer\": 42}");
        assertThat(document.calls()).isEmpty();
        assertThat(document.content()).isEqualTo("{\"answer\": 42}");
    }

    @Test
    void textAfterTheCallsIsContent() {
        ParsedAnswer answer = parse("{\"name\": \"get_time\", \"parameters\": {}} and that is all");
        assertThat(answer.calls()).containsExactly(new ParsedCall("get_time", "{}"));
        assertThat(answer.content()).isEqualTo(" and that is all");
    }
}
