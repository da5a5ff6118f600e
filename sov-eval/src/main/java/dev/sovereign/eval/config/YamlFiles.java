package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads YAML and JSON files into trees; failures name the file (and line, for syntax errors). */
public final class YamlFiles {

    public static final ObjectMapper JSON = new ObjectMapper();

    private YamlFiles() {
    }

    /**
     * Parses YAML 1.2 with the core schema (snakeyaml-engine), as Promptfoo's js-yaml does: anchors
     * and aliases resolve, {@code yes}/{@code no} and dates stay strings, and plain scalars such as
     * {@code { q: Where is Paris? }} are accepted.
     */
    public static JsonNode read(Path file) {
        try {
            return parse(readText(file));
        } catch (MarkedYamlEngineException e) {
            String line = e.getProblemMark().map(m -> ":" + (m.getLine() + 1)).orElse("");
            throw new SuiteException(file + line + ": malformed YAML: " + e.getProblem());
        } catch (YamlEngineException | IllegalArgumentException e) {
            throw new SuiteException(file + ": malformed YAML: " + e.getMessage());
        }
    }

    /** Parses YAML (or JSON) text with the same rules; throws snakeyaml-engine's exceptions. */
    public static JsonNode parse(String text) {
        Object value = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(text);
        return value == null ? JSON.missingNode() : JSON.valueToTree(value);
    }

    public static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SuiteException(file + ": file not found");
        } catch (IOException e) {
            throw new SuiteException(file + ": cannot read: " + e.getMessage());
        }
    }
}
