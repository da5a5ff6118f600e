package dev.sovereign.engine.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HermesToolCallParserTest {

    @Test
    void splitsContentAndCallsWhateverTheChunking() {
        String text = "Sure. <tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>"
                + "<tool_call>{\"name\": \"noop\"}</tool_call>";
        for (int step = 1; step <= text.length(); step++) {
            HermesToolCallParser parser = new HermesToolCallParser(false);
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
        assertThat(HermesToolCallParser.parseAll("{\"name\": \"f\", \"arguments\": {}}", true).calls())
                .containsExactly(new ParsedCall("f", "{}"));
        HermesToolCallParser.Output broken = HermesToolCallParser.parseAll("x <tool_call>{oops</tool_call>", false);
        assertThat(broken.calls()).isEmpty();
        assertThat(broken.content()).isEqualTo("x <tool_call>{oops</tool_call>");
        assertThat(HermesToolCallParser.parseAll("a <tool_c", false).content()).isEqualTo("a <tool_c");
    }
}
