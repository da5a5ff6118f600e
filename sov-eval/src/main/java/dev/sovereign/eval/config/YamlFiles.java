package dev.sovereign.eval.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads YAML and JSON files into trees; failures name the file (and line, for syntax errors). */
public final class YamlFiles {

    public static final ObjectMapper YAML = new YAMLMapper();
    public static final ObjectMapper JSON = new ObjectMapper();

    private YamlFiles() {
    }

    public static JsonNode read(Path file) {
        String text = readText(file);
        try {
            JsonNode node = YAML.readTree(text);
            return node == null ? YAML.missingNode() : node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String line = at == null ? "" : ":" + at.getLineNr();
            throw new SuiteException(file + line + ": malformed YAML: " + e.getOriginalMessage());
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
