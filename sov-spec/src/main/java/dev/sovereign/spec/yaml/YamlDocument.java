package dev.sovereign.spec.yaml;

import org.yaml.snakeyaml.nodes.Node;

/**
 * One document of a (possibly multi-document) YAML file, as a node tree that still knows
 * the line of every value. {@code index} counts documents from 0 in file order.
 */
public record YamlDocument(String file, int index, Node root) {

    /** Line (1-based) where the document starts. */
    public int line() {
        return root.getStartMark().getLine() + 1;
    }
}
