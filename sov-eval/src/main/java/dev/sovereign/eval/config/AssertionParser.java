package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code assert} lists into {@link AssertionSpec}s, refusing unknown types and malformed fields. */
final class AssertionParser {

    private AssertionParser() {
    }

    static List<AssertionSpec> parseList(JsonNode list, String where) {
        List<AssertionSpec> out = new ArrayList<>();
        if (list == null || list.isNull() || list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            throw new SuiteException(where + ": must be a list of assertions");
        }
        for (int i = 0; i < list.size(); i++) {
            out.add(parse(list.get(i), where + "[" + i + "]"));
        }
        return out;
    }

    static AssertionSpec parse(JsonNode entry, String where) {
        if (!(entry instanceof ObjectNode node)) {
            throw new SuiteException(where + ": must be a mapping with a 'type'");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isBlank()) {
            throw new SuiteException(where + ".type: missing");
        }
        String written = typeNode.asText().trim();
        boolean inverse = written.startsWith("not-");
        String type = inverse ? written.substring(4) : written;
        if (!AssertionTypes.KNOWN.contains(type)) {
            throw new SuiteException(where + ".type: unknown assertion type '" + written + "'");
        }
        if (node.has("transform")) {
            throw new SuiteException(where + ".transform: not supported by sov eval (it would change what is graded)");
        }
        Double threshold = number(node.get("threshold"), where + ".threshold");
        Double weight = number(node.get("weight"), where + ".weight");
        JsonNode metric = node.get("metric");
        JsonNode rubric = node.get("rubricPrompt");
        ProviderSpec provider = providerOf(node.get("provider"), where + ".provider");
        return new AssertionSpec(type, inverse, node.get("value"), threshold, weight == null ? 1.0 : weight,
                metric == null || metric.isNull() ? null : metric.asText(), provider,
                rubric == null || rubric.isNull() ? null : rubric.isTextual() ? rubric.asText() : rubric.toString(),
                node.deepCopy());
    }

    static Double number(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new SuiteException(where + ": must be a number, got " + node);
    }

    /** A provider given as an id string or as {@code {id, label, config}}. */
    static ProviderSpec providerOf(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return ProviderSpec.parse(node.asText(), null, null, where);
        }
        if (node.isObject()) {
            JsonNode id = node.get("id");
            JsonNode label = node.get("label");
            return ProviderSpec.parse(id == null ? null : id.asText(), label == null ? null : label.asText(),
                    node.get("config"), where);
        }
        throw new SuiteException(where + ": must be a provider id or a mapping with 'id'");
    }
}
