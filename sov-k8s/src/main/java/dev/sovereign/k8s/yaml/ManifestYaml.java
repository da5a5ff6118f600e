package dev.sovereign.k8s.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes Kubernetes objects as a multi-document YAML stream, the form kubectl and GitOps tools read. */
public final class ManifestYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private ManifestYaml() {
    }

    public static String write(List<Map<String, Object>> objects) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> object : objects) {
            out.append("---\n").append(write(object));
        }
        return out.toString();
    }

    public static String write(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a YAML or JSON text into plain maps and lists. */
    public static Object read(String text) {
        try {
            return YAML.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
