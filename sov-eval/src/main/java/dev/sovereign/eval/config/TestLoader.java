package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code tests} section (inline entries and {@code file://} YAML, JSON, JSONL or CSV files),
 * resolves {@code file://} vars and merges {@code defaultTest} into each test the way Promptfoo does:
 * vars, options and metadata are overlaid, default assertions come first.
 */
final class TestLoader {

    private final Path base;
    private final String where;

    TestLoader(Path base, String where) {
        this.base = base;
        this.where = where;
    }

    List<TestCase> load(JsonNode testsNode, JsonNode defaultNode) {
        List<ObjectNode> entries = new ArrayList<>();
        collect(testsNode, entries, "tests");
        ObjectNode defaults = defaultNode == null || defaultNode.isNull()
                ? YamlFiles.JSON.createObjectNode() : asObject(defaultNode, "defaultTest");
        if (entries.isEmpty()) {
            entries.add(YamlFiles.JSON.createObjectNode());
        }
        List<AssertionSpec> defaultAsserts = AssertionParser.parseList(defaults.get("assert"), where + ": defaultTest.assert");
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            out.add(merge(i, entries.get(i), defaults, defaultAsserts));
        }
        return out;
    }

    private void collect(JsonNode node, List<ObjectNode> into, String field) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isTextual() && FileRefs.isRef(node.asText())) {
            into.addAll(fromFile(FileRefs.resolve(base, node.asText())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode entry = node.get(i);
                if (entry.isTextual() && FileRefs.isRef(entry.asText())) {
                    into.addAll(fromFile(FileRefs.resolve(base, entry.asText())));
                } else {
                    into.add(asObject(entry, field + "[" + into.size() + "]"));
                }
            }
        } else {
            throw new SuiteException(where + ": " + field + ": must be a list of tests or a file:// reference");
        }
    }

    private List<ObjectNode> fromFile(Path file) {
        String name = file.getFileName().toString();
        List<ObjectNode> out = new ArrayList<>();
        if (name.endsWith(".csv")) {
            return CsvTests.read(file);
        }
        if (name.endsWith(".jsonl")) {
            String[] lines = YamlFiles.readText(file).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    try {
                        out.add(asObject(YamlFiles.JSON.readTree(lines[i]), file + ":" + (i + 1)));
                    } catch (java.io.IOException e) {
                        throw new SuiteException(file + ":" + (i + 1) + ": malformed JSON line");
                    }
                }
            }
            return out;
        }
        JsonNode node = YamlFiles.read(file);
        if (node.isObject()) {
            out.add((ObjectNode) node);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(asObject(node.get(i), file + ": [" + i + "]"));
            }
        } else {
            throw new SuiteException(file + ": must hold a list of tests");
        }
        return out;
    }

    private TestCase merge(int index, ObjectNode test, ObjectNode defaults, List<AssertionSpec> defaultAsserts) {
        String at = where + ": tests[" + index + "]";
        ObjectNode vars = overlay(vars(defaults.get("vars"), where + ": defaultTest.vars"), vars(test.get("vars"), at + ".vars"));
        ObjectNode options = overlay(optional(defaults.get("options"), "defaultTest.options"), optional(test.get("options"), at + ".options"));
        ObjectNode metadata = overlay(optional(defaults.get("metadata"), "defaultTest.metadata"), optional(test.get("metadata"), at + ".metadata"));
        for (String field : new String[] {"transform", "postprocess"}) {
            if (options.has(field)) {
                throw new SuiteException(at + ".options." + field + ": not supported by sov eval (it would change what is graded)");
            }
        }
        List<AssertionSpec> asserts = new ArrayList<>(defaultAsserts);
        asserts.addAll(AssertionParser.parseList(test.get("assert"), at + ".assert"));
        Double threshold = AssertionParser.number(test.has("threshold") ? test.get("threshold") : defaults.get("threshold"), at + ".threshold");
        JsonNode providerNode = test.has("provider") ? test.get("provider") : defaults.get("provider");
        ProviderSpec provider = AssertionParser.providerOf(providerNode, at + ".provider");
        ProviderSpec grader = AssertionParser.providerOf(options.get("provider"), at + ".options.provider");
        JsonNode description = test.get("description");
        ObjectNode raw = test.deepCopy();
        raw.set("vars", vars);
        raw.set("options", options);
        raw.set("metadata", metadata);
        ArrayNode allAsserts = raw.putArray("assert");
        asserts.forEach(a -> allAsserts.add(a.raw()));
        return new TestCase(index, description == null ? null : description.asText(), vars, asserts, metadata,
                options, threshold, provider, grader, raw);
    }

    /** Vars may be a mapping or a {@code file://} YAML/JSON file; a var whose value is {@code file://x} is read from x. */
    private ObjectNode vars(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return YamlFiles.JSON.createObjectNode();
        }
        if (node.isTextual() && FileRefs.isRef(node.asText())) {
            node = YamlFiles.read(FileRefs.resolve(base, node.asText()));
        }
        ObjectNode vars = asObject(node, at).deepCopy();
        for (Map.Entry<String, JsonNode> e : vars.properties()) {
            JsonNode value = e.getValue();
            if (value.isTextual() && value.asText().endsWith("\n") && !FileRefs.isRef(value.asText())) {
                // Promptfoo drops one trailing newline from every string var before rendering and grading.
                String text = value.asText();
                e.setValue(YamlFiles.JSON.getNodeFactory().textNode(text.substring(0, text.length() - 1)));
            } else if (value.isTextual() && FileRefs.isRef(value.asText())) {
                Path file = FileRefs.resolve(base, value.asText());
                String name = file.getFileName().toString();
                e.setValue(name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml")
                        ? YamlFiles.read(file) : YamlFiles.JSON.getNodeFactory().textNode(YamlFiles.readText(file).strip()));
            }
        }
        return vars;
    }

    private ObjectNode optional(JsonNode node, String at) {
        return node == null || node.isNull() ? YamlFiles.JSON.createObjectNode() : asObject(node, at);
    }

    private static ObjectNode overlay(ObjectNode under, ObjectNode over) {
        ObjectNode merged = under.deepCopy();
        merged.setAll(over);
        return merged;
    }

    private ObjectNode asObject(JsonNode node, String at) {
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw new SuiteException((at.startsWith("/") ? "" : where + ": ") + at + ": must be a mapping");
    }
}
