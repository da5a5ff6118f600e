package dev.sovereign.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python str methods and slicing, as Qwen3-style templates use them. */
class PythonStringMethodsTest {

    private static String render(String template, String content) {
        return ChatTemplate.of(template).render(List.of(Map.of("role", "user", "content", content)), null, false,
                Map.of());
    }

    @Test
    void stringMethodsBehaveAsInPython() {
        String c = "<think>\nplan\n</think>\n\nanswer";
        assertThat(render("{{ messages[0].content.startswith('<think>') }}/{{ messages[0].content.endswith('x') }}", c))
                .isEqualTo("true/false");
        assertThat(render("{{ messages[0].content.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}", c))
                .isEqualTo("plan");
        assertThat(render("[{{ messages[0].content.split('</think>')[-1].lstrip('\\n') }}]", c)).isEqualTo("[answer]");
        assertThat(render("[{{ '\\n\\nx\\n'.strip('\\n') }}][{{ '  a b  '.strip() }}][{{ 'a  b c'.split() | length }}]", c))
                .isEqualTo("[x][a b][3]");
        assertThat(render("{{ 'hello world'.title() }} {{ 'ABC'.lower() }} {{ 'abc'.upper() }}", c))
                .isEqualTo("Hello World abc ABC");
    }

    @Test
    void reverseSlicingAndFalseTest() {
        String t = "{% for m in ['a', 'b', 'c'][::-1] %}{{ m }}{% endfor %}|{{ x is false }}|{{ y is false }}";
        assertThat(ChatTemplate.of(t).render(List.of(), null, false, Map.of("x", false, "y", true)))
                .isEqualTo("cba|true|false");
    }
}
