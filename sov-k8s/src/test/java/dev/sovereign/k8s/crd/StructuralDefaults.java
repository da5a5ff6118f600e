package dev.sovereign.k8s.crd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a structural schema's {@code default}s to a value as the API server does before
 * it runs validation rules: an absent field with a default gets it (objects then get their
 * own fields' defaults), recursively through objects and list items.
 */
final class StructuralDefaults {

    private StructuralDefaults() {
    }

    @SuppressWarnings("unchecked")
    static Object apply(Map<String, Object> schema, Object value) {
        if (value instanceof Map<?, ?> given && schema.get("properties") instanceof Map<?, ?> properties) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) given);
            ((Map<String, Map<String, Object>>) properties).forEach((name, child) -> {
                Object current = out.get(name);
                if (current == null && child.containsKey("default")) {
                    current = copy(child.get("default"));
                }
                if (current != null) {
                    out.put(name, apply(child, current));
                }
            });
            return out;
        }
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(apply((Map<String, Object>) items, item)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return value;
    }
}
