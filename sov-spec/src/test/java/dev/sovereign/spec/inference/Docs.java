package dev.sovereign.spec.inference;

import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Builds InferenceService documents for tests: a minimal valid one, changed at dotted paths. */
final class Docs {

    private final Map<String, Object> root = new LinkedHashMap<>();

    private Docs() {
        set("apiVersion", "sovereign.dev/v1alpha1");
        set("kind", "InferenceService");
        set("metadata.name", "m");
        set("spec.model.repository", "org/m");
    }

    static Docs minimal() {
        return new Docs();
    }

    /** Sets a value at a dotted path, creating objects on the way; null removes the field. */
    @SuppressWarnings("unchecked")
    Docs set(String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        }
        if (value == null) {
            node.remove(parts[parts.length - 1]);
        } else {
            node.put(parts[parts.length - 1], value);
        }
        return this;
    }

    String yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(root);
    }

    List<Loaded<InferenceService>> load(Path dir) {
        return loadText(dir, yaml());
    }

    static List<Loaded<InferenceService>> loadText(Path dir, String text) {
        try {
            Path file = Files.createTempFile(dir, "doc", ".yaml");
            Files.writeString(file, text);
            return InferenceServiceFiles.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InferenceService valid(List<Loaded<InferenceService>> documents) {
        if (documents.size() != 1 || !documents.getFirst().valid()) {
            throw new AssertionError("expected one valid document, got " + documents);
        }
        return documents.getFirst().value();
    }

    /** The problems of a single-document result, as "path: message" strings. */
    static List<String> problems(List<Loaded<InferenceService>> documents) {
        return documents.stream().flatMap(d -> d.problems().stream()).map(Docs::pathAndMessage).toList();
    }

    private static String pathAndMessage(Problem problem) {
        return problem.path() + ": " + problem.message();
    }
}
