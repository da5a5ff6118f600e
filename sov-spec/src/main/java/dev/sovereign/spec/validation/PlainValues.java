package dev.sovereign.spec.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Turns a YAML node into plain Java values (Map, List, String, Long/Integer, Double, Boolean, null). */
final class PlainValues {

    // The constructor keeps per-call state, so each thread gets its own.
    private static final ThreadLocal<ScalarConstructor> SCALARS = ThreadLocal.withInitial(ScalarConstructor::new);

    private PlainValues() {
    }

    static Object of(Node node) {
        return switch (node) {
            case MappingNode mapping -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    out.put(String.valueOf(of(tuple.getKeyNode())), of(tuple.getValueNode()));
                }
                yield out;
            }
            case SequenceNode sequence -> {
                List<Object> out = new ArrayList<>();
                sequence.getValue().forEach(item -> out.add(of(item)));
                yield out;
            }
            case ScalarNode scalar -> SCALARS.get().scalar(scalar);
            default -> null;
        };
    }

    /** SnakeYAML's safe constructor, used only for its YAML 1.1 scalar rules (ints, floats, bools). */
    private static final class ScalarConstructor extends SafeConstructor {
        ScalarConstructor() {
            super(new LoaderOptions());
        }

        Object scalar(ScalarNode node) {
            Object value = constructObject(node);
            return value instanceof Number || value instanceof Boolean || value == null ? value : String.valueOf(value);
        }
    }
}
