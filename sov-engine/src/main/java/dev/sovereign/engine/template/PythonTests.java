package dev.sovereign.engine.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.List;
import java.util.Map;

/**
 * Jinja tests whose Python meaning differs from jinjava's: in Python a string is iterable and a sequence, which
 * Llama-3.1's template relies on ({@code message.content is iterable} sends a tool result through tojson).
 */
final class PythonTests {
    private PythonTests() {
    }

    static List<ExpTest> all() {
        return List.of(test("iterable", v -> v instanceof Iterable<?> || v instanceof Map<?, ?>
                        || v instanceof CharSequence || (v != null && v.getClass().isArray())),
                test("sequence", v -> v instanceof List<?> || v instanceof CharSequence
                        || (v != null && v.getClass().isArray())));
    }

    private static ExpTest test(String name, java.util.function.Predicate<Object> predicate) {
        return new ExpTest() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
                return predicate.test(var);
            }
        };
    }
}
