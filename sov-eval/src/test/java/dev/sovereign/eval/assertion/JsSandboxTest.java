package dev.sovereign.eval.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mozilla.javascript.RhinoException;

/** The javascript assertion's sandbox: plain JavaScript works, the host is out of reach, runaway code is stopped. */
class JsSandboxTest {

    private final JsSandbox sandbox = new JsSandbox(300);

    private JsSandbox.Value run(String body) {
        return sandbox.call(new String[] {"output"}, body, new String[] {"\"hello world\""});
    }

    @Test
    void runsModernJavaScriptOnTheOutput() {
        assertThat(run("const words = output.split(' '); return words.map(w => w.length).reduce((a, b) => a + b) === 10;").plain())
                .isEqualTo(true);
        assertThat(run("return `${output}`.includes('world') ? 0.5 : 0;").plain()).isEqualTo(0.5);
        assertThat(run("return { pass: true, score: 1, reason: 'ok' };").json()).contains("\"pass\":true");
    }

    @Test
    void hasNoHostAccess() {
        assertThat(run("return typeof java === 'undefined' && typeof Packages === 'undefined' && typeof load === 'undefined';").plain())
                .isEqualTo(true);
        assertThatThrownBy(() -> run("return java.lang.System.exit(3);")).isInstanceOf(RhinoException.class);
        assertThatThrownBy(() -> run("return Packages.java.io.File('x');")).isInstanceOf(RhinoException.class);
    }

    @Test
    void stopsRunawayScripts() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> run("while (true) {}")).isInstanceOf(JsSandbox.TimeLimitExceeded.class)
                .hasMessageContaining("300 ms");
        assertThat((System.nanoTime() - start) / 1_000_000).as("stopped soon after its limit").isLessThan(20_000);
    }

    @Test
    void oneLineCodeBecomesAReturnedExpression() {
        assertThat(JavascriptAssertion.FunctionBody.of("output.length > 3;")).isEqualTo("return output.length > 3");
        assertThat(JavascriptAssertion.FunctionBody.of("const n = output.split(';').length; n > 1"))
                .isEqualTo("const n = output.split(';').length; return n > 1");
    }
}
