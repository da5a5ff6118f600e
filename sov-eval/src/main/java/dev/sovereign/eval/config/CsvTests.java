package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tests from a CSV file, Promptfoo's way: each column is a var, except {@code __expected*} (an
 * assertion written {@code type:value}, or a plain value meaning {@code equals}), {@code __description}
 * and {@code __metadata:KEY}.
 */
final class CsvTests {

    private CsvTests() {
    }

    static List<ObjectNode> read(Path file) {
        CsvMapper mapper = new CsvMapper();
        List<ObjectNode> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(YamlFiles.readText(file))) {
            while (rows.hasNext()) {
                out.add(test(rows.next(), file, out.size()));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SuiteException s) {
                throw s;
            }
            throw new SuiteException(file + ": malformed CSV: " + e.getMessage());
        }
        return out;
    }

    private static ObjectNode test(Map<String, String> row, Path file, int index) {
        ObjectNode test = YamlFiles.JSON.createObjectNode();
        ObjectNode vars = test.putObject("vars");
        ArrayNode asserts = test.putArray("assert");
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String column = cell.getKey();
            String value = cell.getValue();
            if (column.startsWith("__expected")) {
                if (!value.isBlank()) {
                    asserts.add(expected(value.strip()));
                }
            } else if (column.equals("__description")) {
                test.put("description", value);
            } else if (column.startsWith("__metadata:")) {
                test.with("metadata").put(column.substring("__metadata:".length()), value);
            } else if (column.startsWith("__")) {
                throw new SuiteException(file + ": row " + (index + 1) + ": unsupported column '" + column + "'");
            } else {
                vars.put(column, value);
            }
        }
        return test;
    }

    private static ObjectNode expected(String text) {
        ObjectNode assertion = YamlFiles.JSON.createObjectNode();
        String typePart = text;
        String value = null;
        int colon = text.indexOf(':');
        if (colon > 0) {
            typePart = text.substring(0, colon);
            value = text.substring(colon + 1);
        }
        String base = typePart.startsWith("not-") ? typePart.substring(4) : typePart;
        if (base.equals("fn") || base.equals("eval")) {
            assertion.put("type", typePart.replace(base, "javascript"));
            assertion.put("value", value);
        } else if (AssertionTypes.KNOWN.contains(base)) {
            assertion.put("type", typePart);
            if (value != null) {
                assertion.put("value", value);
            }
        } else {
            assertion.put("type", "equals");
            assertion.put("value", text);
        }
        return assertion;
    }
}
