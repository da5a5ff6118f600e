package dev.sovereign.engine.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Filters whose Hugging Face (Python Jinja) behaviour differs from jinjava's built-ins. */
final class HuggingFaceFilters {
    private HuggingFaceFilters() {
    }

    static List<Filter> all() {
        return List.of(new ToJson(), new Items());
    }

    /** {@code tojson(indent=None, sort_keys=False)} with Python's json.dumps formatting. */
    static final class ToJson implements Filter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter(var, interpreter, args, Map.of());
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.length > 0 ? args[0] : null;
            boolean sortKeys = Boolean.TRUE.equals(kwargs.get("sort_keys"));
            return PythonJson.dumps(var, indent == null ? null : ((Number) indent).intValue(), sortKeys);
        }
    }

    /** {@code mapping | items}: (key, value) pairs for {@code for k, v in ...}. */
    static final class Items implements Filter {
        @Override
        public String getName() {
            return "items";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            if (!(var instanceof Map<?, ?> map)) {
                return List.of();
            }
            List<List<Object>> pairs = new ArrayList<>();
            map.forEach((k, v) -> pairs.add(java.util.Arrays.asList(k, v)));
            return pairs;
        }
    }
}
