package dev.sovereign.eval.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Regular expressions mean what they mean in JavaScript, since suites are written for Promptfoo on Node. */
class JsRegexTest {

    private static boolean test(String regex, String text) {
        return JsRegex.compile(regex).matcher(text).find();
    }

    @Test
    void dollarMatchesOnlyAtTheVeryEnd() {
        assertThat(test("^OK$", "OK")).isTrue();
        assertThat(test("^OK$", "OK\n")).isFalse();
        assertThat(test("^OK\\s*$", "OK\n")).isTrue();
        assertThat(test("[$]", "cost $5")).isTrue();
    }

    @Test
    void inlineFlagsAreInvalidAsInJavaScript() {
        assertThatThrownBy(() -> JsRegex.compile("(?i)select")).hasMessageContaining("Invalid group");
        assertThatThrownBy(() -> JsRegex.compile("(?is)SELECT")).hasMessageContaining("Invalid group");
        assertThat(test("(?:ab)+(?=c)(?<name>c)(?<!x)", "ababc")).isTrue();
    }

    @Test
    void emptyNegatedClassMatchesAnything() {
        assertThat(test("a[^]b", "a\nb")).isTrue();
        assertThatThrownBy(() -> JsRegex.compile("a[]b")).isInstanceOf(IllegalArgumentException.class);
    }
}
