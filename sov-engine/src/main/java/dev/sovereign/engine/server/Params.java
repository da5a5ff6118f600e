package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Typed reads of optional request fields, each failure a 400 naming the field. */
final class Params {

    private final ObjectNode body;

    Params(ObjectNode body) {
        this.body = body;
    }

    boolean has(String field) {
        return body.hasNonNull(field);
    }

    double number(String field, double fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw ApiErrors.invalidField(field, "expected a number, got " + n.getNodeType().name().toLowerCase());
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            throw ApiErrors.invalidField(field, "must be a finite number");
        }
        return v;
    }

    Integer integer(String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw ApiErrors.invalidField(field, "expected an integer");
        }
        return n.asInt();
    }

    Long longValue(String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiErrors.invalidField(field, "expected an integer");
        }
        return n.asLong();
    }

    boolean bool(String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw ApiErrors.invalidField(field, "expected a boolean");
        }
        return n.asBoolean();
    }

    /** A string or a list of strings (the {@code stop} parameter). */
    List<String> strings(String field) {
        JsonNode n = body.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) {
            throw ApiErrors.invalidField(field, "expected a string or an array of strings");
        }
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw ApiErrors.invalidField(field, "expected a string or an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    Set<Integer> integers(String field) {
        JsonNode n = body.get(field);
        Set<Integer> out = new LinkedHashSet<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw ApiErrors.invalidField(field, "expected an array of integers");
        }
        for (JsonNode item : n) {
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                throw ApiErrors.invalidField(field, "expected an array of integers");
            }
            out.add(item.asInt());
        }
        return out;
    }
}
