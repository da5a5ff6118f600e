package dev.sovereign.engine.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HermesToolCallParserTest {

    @Test
    void splitsContentAndCallsWhateverTheChunking() {
        String text = "Sure. <tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>"
                + "<tool_call>{\"name\": \"noop\"}</tool_call>";
        for (int step = 1; step <= text.length(); step++) {
            HermesToolCallParser parser = new HermesToolCallParser(false, Set.of("get_weather", "noop"));
            StringBuilder content = new StringBuilder();
            List<ParsedCall> calls = new ArrayList<>();
            for (int i = 0; i < text.length(); i += step) {
                HermesToolCallParser.Output out = parser.offer(text.substring(i, Math.min(text.length(), i + step)));
                content.append(out.content());
                calls.addAll(out.calls());
            }
            HermesToolCallParser.Output end = parser.finish();
            content.append(end.content());
            calls.addAll(end.calls());
            assertThat(content.toString()).as("step %d", step).isEqualTo("Sure. ");
            assertThat(calls).containsExactly(new ParsedCall("get_weather", "{\"city\":\"Paris\"}"), new ParsedCall("noop", "{}"));
        }
    }

    @Test
    void anUnclosedCallCountsIfItsJsonIsCompleteAndBrokenJsonStaysText() {
        assertThat(HermesToolCallParser.parseAll("{\"name\": \"f\", \"arguments\": {}}", true, Set.of("f")).calls())
                .containsExactly(new ParsedCall("f", "{}"));
        HermesToolCallParser.Output broken = HermesToolCallParser.parseAll("x <tool_call>{oops</tool_call>", false, Set.of("f"));
        assertThat(broken.calls()).isEmpty();
        assertThat(broken.content()).isEqualTo("x <tool_call>{oops</tool_call>");
        assertThat(HermesToolCallParser.parseAll("a <tool_c", false, Set.of("f")).content()).isEqualTo("a <tool_c");
    }

    @Test
    void aCallToAToolThatWasNotOfferedIsGivenBackAsTheTextTheModelWrote() {
        String invented = "<tool_call>\n{\"name\": \"read\", \"arguments\": {\"path\": \"/etc\"}}\n</tool_call>";
        HermesToolCallParser.Output out = HermesToolCallParser.parseAll("Let me look. " + invented, false, Set.of("get_weather"));
        assertThat(out.calls()).isEmpty();
        assertThat(out.content()).isEqualTo("Let me look. " + invented);

        HermesToolCallParser.Output mixed = HermesToolCallParser.parseAll(invented
                + "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>", false, Set.of("get_weather"));
        assertThat(mixed.calls()).containsExactly(new ParsedCall("get_weather", "{\"city\":\"Paris\"}"));
        assertThat(mixed.content()).isEqualTo(invented);

        // tool_choice required opened the call in the prompt; an invented name unclosed at the end is still text
        HermesToolCallParser.Output forced = HermesToolCallParser.parseAll("{\"name\": \"read\", \"arguments\": {}}", true, Set.of("get_weather"));
        assertThat(forced.calls()).isEmpty();
        assertThat(forced.content()).contains("\"read\"");
    }

    @Test
    void withNoToolOfferedNothingIsACall() {
        HermesToolCallParser.Output out = HermesToolCallParser.parseAll("<tool_call>{\"name\": \"noop\"}</tool_call>", false, Set.of());
        assertThat(out.calls()).isEmpty();
        assertThat(out.content()).isEqualTo("<tool_call>{\"name\": \"noop\"}</tool_call>");
    }
}
