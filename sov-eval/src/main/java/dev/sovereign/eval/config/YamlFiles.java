package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/** Reads YAML and JSON files into trees; failures name the file (and line, for syntax errors). */
public final class YamlFiles {

    public static final ObjectMapper YAML = new YAMLMapper();
    public static final ObjectMapper JSON = new ObjectMapper();

    private YamlFiles() {
    }

    /**
     * Parses with SnakeYAML, which resolves anchors and aliases ({@code &local}, {@code *local}) as
     * Promptfoo's js-yaml does, with js-yaml's scalar rules ({@link CoreSchemaResolver}).
     */
    public static JsonNode read(Path file) {
        String text = readText(file);
        try {
            LoaderOptions options = new LoaderOptions();
            DumperOptions unused = new DumperOptions();
            Object value = new Yaml(new SafeConstructor(options), new Representer(unused), unused, options, new CoreSchemaResolver()).load(text);
            return value == null ? JSON.missingNode() : JSON.valueToTree(value);
        } catch (MarkedYAMLException e) {
            Mark at = e.getProblemMark();
            String line = at == null ? "" : ":" + (at.getLine() + 1);
            throw new SuiteException(file + line + ": malformed YAML: " + e.getProblem());
        } catch (YAMLException | IllegalArgumentException e) {
            throw new SuiteException(file + ": malformed YAML: " + e.getMessage());
        }
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
