package dev.sovereign.k8s.yaml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the plain maps and lists that rendered Kubernetes objects are made of. Insertion
 * order is kept, so the YAML reads in the order a person would write it.
 */
public final class Tree {

    private Tree() {
    }

    /** A map from alternating keys and values; null values are left out, as Kubernetes omits them. */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("map needs key/value pairs");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }

    public static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** Reads a nested value by path segments (map keys or list indexes); null when absent. */
    public static Object at(Object root, Object... path) {
        Object current = root;
        for (Object step : path) {
            if (current instanceof Map<?, ?> m && step instanceof String key) {
                current = m.get(key);
            } else if (current instanceof List<?> l && step instanceof Integer index && index < l.size()) {
                current = l.get(index);
            } else {
                return null;
            }
        }
        return current;
    }

    /**
     * A deep copy with map keys sorted. Defaults built with {@code Map.of} iterate in an
     * order that changes between JVM runs; sorting keeps rendered output byte-stable.
     */
    public static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.TreeMap<>();
            map.forEach((k, v) -> out.put((String) k, sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Tree::sorted).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapAt(Object root, Object... path) {
        return (Map<String, Object>) at(root, path);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> listAt(Object root, Object... path) {
        Object value = at(root, path);
        return value == null ? List.of() : (List<Object>) value;
    }
}
