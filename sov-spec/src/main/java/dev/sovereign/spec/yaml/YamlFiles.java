package dev.sovereign.spec.yaml;

import dev.sovereign.spec.validation.Problem;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML files into located node trees. Everything that can go wrong with the bytes
 * (too large, not UTF-8, not YAML, alias bombs) becomes a {@link Problem}, never an exception.
 */
public final class YamlFiles {

    /** Declarative files are small; anything bigger is a mistake, not a model declaration. */
    public static final int MAX_BYTES = 1 << 20;
    private static final int MAX_ALIASES = 50;

    private YamlFiles() {
    }

    /** The documents of a file, or the problems that stop it from being read. */
    public record Parsed(List<YamlDocument> documents, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Parsed read(Path path) {
        String name = path.toString();
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                return failed(name, 0, "file is too large (" + size + " bytes); a declaration is at most " + MAX_BYTES + " bytes");
            }
            return parse(name, decode(Files.readAllBytes(path)));
        } catch (CharacterCodingException e) {
            return failed(name, 0, "file is not UTF-8 text");
        } catch (IOException e) {
            return failed(name, 0, "cannot read file: " + e.getMessage());
        }
    }

    public static Parsed parse(String name, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        List<YamlDocument> documents = new ArrayList<>();
        try {
            int index = 0;
            for (Node root : new Yaml(options).composeAll(new StringReader(text))) {
                if (!isEmptyDocument(root)) {
                    documents.add(new YamlDocument(name, index, root));
                }
                index++;
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            return failed(name, line, "not valid YAML: " + oneLine(e.getProblem() != null ? e.getProblem() : e.getContext()));
        } catch (YAMLException e) {
            return failed(name, 0, "not valid YAML: " + oneLine(e.getMessage()));
        }
        return new Parsed(documents, List.of());
    }

    /** An empty document (only comments, or nothing between two '---') declares nothing. */
    private static boolean isEmptyDocument(Node root) {
        return root == null || (root instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL));
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        String flat = message.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static Parsed failed(String name, int line, String message) {
        return new Parsed(List.of(), List.of(new Problem(name, line, "", message)));
    }
}
