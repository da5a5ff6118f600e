package dev.sovereign.eval.config;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain YAML scalars the way Promptfoo's js-yaml does (YAML 1.2 core schema): only
 * true/false are booleans, so {@code answer: yes} or {@code country: NO} stay strings, and dates
 * stay text. SnakeYAML's default is YAML 1.1, where those become booleans and timestamps.
 */
final class CoreSchemaResolver extends Resolver {

    private static final Pattern BOOL_1_2 = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOL_1_2, "tTfF");
        addImplicitResolver(Tag.INT, INT, "-+0123456789");
        addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
        addImplicitResolver(Tag.MERGE, MERGE, "<");
        addImplicitResolver(Tag.NULL, NULL, "~nN\0");
        addImplicitResolver(Tag.NULL, EMPTY, null);
    }
}
