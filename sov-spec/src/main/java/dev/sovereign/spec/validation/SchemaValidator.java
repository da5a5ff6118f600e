package dev.sovereign.spec.validation;

import dev.sovereign.spec.schema.BooleanSchema;
import dev.sovereign.spec.schema.Field;
import dev.sovereign.spec.schema.FreeFormSchema;
import dev.sovereign.spec.schema.IntegerSchema;
import dev.sovereign.spec.schema.ListSchema;
import dev.sovereign.spec.schema.MapSchema;
import dev.sovereign.spec.schema.ObjectSchema;
import dev.sovereign.spec.schema.Schema;
import dev.sovereign.spec.schema.StringSchema;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks a YAML node tree against a {@link Schema}. It reports every problem it finds (not
 * just the first), fills in defaults, and remembers the line of each field so later
 * cross-field rules can point at the right place. Absent and null fields take their default;
 * a present zero or false is kept as it is.
 */
public final class SchemaValidator {

    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> lines = new HashMap<>();

    public SchemaValidator(String file) {
        this.file = file;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Line of a field path seen during validation; falls back to the nearest enclosing field. */
    public int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return lines.getOrDefault("", 0);
    }

    public void problem(String path, String message) {
        problems.add(new Problem(file, lineOf(path), path, message));
    }

    /** Validates {@code node} (may be null when absent) and returns its plain value with defaults. */
    public Object validate(Node node, Schema schema, String path) {
        if (node == null || isNull(node)) {
            return defaultOf(schema);
        }
        lines.put(path, node.getStartMark().getLine() + 1);
        return switch (schema) {
            case ObjectSchema object -> object(node, object, path);
            case StringSchema string -> string(node, string, path);
            case IntegerSchema integer -> integer(node, integer, path);
            case BooleanSchema bool -> bool(node, path);
            case ListSchema list -> list(node, list, path);
            case MapSchema map -> stringMap(node, path);
            case FreeFormSchema free -> free.objectOnly() && !(node instanceof MappingNode)
                    ? wrongType(node, free, path) : PlainValues.of(node);
        };
    }

    private Object defaultOf(Schema schema) {
        if (schema instanceof ObjectSchema object && object.defaultValue() != null) {
            Map<String, Object> filled = new LinkedHashMap<>();
            for (Field field : object.fields().values()) {
                Object value = defaultOf(field.schema());
                if (value != null) {
                    filled.put(field.name(), value);
                }
            }
            return filled;
        }
        return schema.defaultValue();
    }

    private Map<String, Object> object(Node node, ObjectSchema schema, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return wrongType(node, schema, path);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyOf(tuple.getKeyNode(), path);
            if (key == null) {
                continue;
            }
            String childPath = join(path, key);
            if (seen.containsKey(key)) {
                lines.put(childPath, tuple.getKeyNode().getStartMark().getLine() + 1);
                problem(childPath, "duplicate field");
                continue;
            }
            seen.put(key, tuple.getValueNode());
            Field field = schema.fields().get(key);
            if (field == null) {
                lines.put(childPath, tuple.getKeyNode().getStartMark().getLine() + 1);
                problem(childPath, "unknown field" + DidYouMean.closest(key, schema.fields().keySet())
                        .map(s -> " (did you mean '" + s + "'?)").orElse(""));
            }
        }
        for (Field field : schema.fields().values()) {
            String childPath = join(path, field.name());
            Node child = seen.get(field.name());
            if (field.required() && (child == null || isNull(child))) {
                problem(childPath, "required field is missing");
                continue;
            }
            Object value = validate(child, field.schema(), childPath);
            if (value != null) {
                out.put(field.name(), value);
            }
        }
        checkExactlyOne(schema, seen, path);
        return out;
    }

    private void checkExactlyOne(ObjectSchema schema, Map<String, Node> seen, String path) {
        if (schema.exactlyOneOf().isEmpty()) {
            return;
        }
        long present = schema.exactlyOneOf().stream().filter(n -> seen.get(n) != null && !isNull(seen.get(n))).count();
        if (present != 1) {
            problem(path, "give exactly one of " + String.join(", ", schema.exactlyOneOf())
                    + (present == 0 ? "" : " (found " + present + ")"));
        }
    }

    private String string(Node node, StringSchema schema, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            return wrongType(node, schema, path);
        }
        if (!scalar.getTag().equals(Tag.STR)) {
            problem(path, "expected a string, got " + describe(node) + " (put it in quotes)");
            return null;
        }
        String value = scalar.getValue();
        if (!schema.allowed().isEmpty() && !schema.allowed().contains(value)) {
            problem(path, "must be one of " + String.join(", ", schema.allowed()) + " (got '" + value + "')"
                    + DidYouMean.closest(value, schema.allowed()).map(s -> "; did you mean '" + s + "'?").orElse(""));
            return null;
        }
        if (schema.maxLength() != null && value.length() > schema.maxLength()) {
            problem(path, "must be at most " + schema.maxLength() + " characters (got " + value.length() + ")");
            return null;
        }
        if (schema.pattern() != null && !schema.pattern().matcher(value).matches()) {
            problem(path, "must be " + schema.patternHint() + " (got '" + abbreviate(value) + "')");
            return null;
        }
        return value;
    }

    private Long integer(Node node, IntegerSchema schema, String path) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
            return wrongType(node, schema, path);
        }
        long value;
        try {
            BigInteger big = new BigInteger(scalar.getValue().replace("_", ""));
            value = big.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            problem(path, "integer out of range (got " + abbreviate(scalar.getValue()) + ")");
            return null;
        }
        if (schema.minimum() != null && value < schema.minimum()) {
            problem(path, "must be >= " + schema.minimum() + " (got " + value + ")");
            return null;
        }
        if (schema.maximum() != null && value > schema.maximum()) {
            problem(path, "must be <= " + schema.maximum() + " (got " + value + ")");
            return null;
        }
        return value;
    }

    private Boolean bool(Node node, String path) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.BOOL)) {
            return wrongType(node, Schema.bool(""), path);
        }
        return Boolean.valueOf(PlainValues.of(node).toString());
    }

    private List<Object> list(Node node, ListSchema schema, String path) {
        if (!(node instanceof SequenceNode sequence)) {
            return wrongType(node, schema, path);
        }
        List<Node> items = sequence.getValue();
        if (schema.maxItems() != null && items.size() > schema.maxItems()) {
            problem(path, "must have at most " + schema.maxItems() + " items (got " + items.size() + ")");
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Object value = validate(items.get(i), schema.items(), itemPath);
            if (value == null && isNull(items.get(i))) {
                problem(itemPath, "list item is empty");
            }
            out.add(value);
        }
        return out;
    }

    private Map<String, Object> stringMap(Node node, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return wrongType(node, Schema.stringMap(""), path);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyOf(tuple.getKeyNode(), path);
            if (key == null) {
                continue;
            }
            String childPath = join(path, key);
            lines.put(childPath, tuple.getValueNode().getStartMark().getLine() + 1);
            if (tuple.getValueNode() instanceof ScalarNode value && value.getTag().equals(Tag.STR)) {
                out.put(key, value.getValue());
            } else {
                problem(childPath, "expected a string, got " + describe(tuple.getValueNode()) + " (put it in quotes)");
            }
        }
        return out;
    }

    private String keyOf(Node keyNode, String path) {
        if (keyNode instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        lines.put(path, keyNode.getStartMark().getLine() + 1);
        problem(path, "field names must be plain strings");
        return null;
    }

    private <T> T wrongType(Node node, Schema schema, String path) {
        problem(path, "expected " + schema.typeName() + ", got " + describe(node));
        return null;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "an object";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        String kind = switch (scalar.getTag().getValue()) {
            case "tag:yaml.org,2002:int" -> "the integer ";
            case "tag:yaml.org,2002:float" -> "the number ";
            case "tag:yaml.org,2002:bool" -> "the boolean ";
            default -> "the string ";
        };
        return kind + "'" + abbreviate(scalar.getValue()) + "'";
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
