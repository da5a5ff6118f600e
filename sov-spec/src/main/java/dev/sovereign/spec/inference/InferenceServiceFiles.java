package dev.sovereign.spec.inference;

import dev.sovereign.spec.validation.DocumentChecker;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads InferenceService files (one or many documents each) and folders of them, checking
 * each document against the schema and the cross-field rules.
 */
public final class InferenceServiceFiles {

    private static final DocumentChecker<InferenceService> CHECKER = new DocumentChecker<>(
            InferenceServiceSchema.document(), InferenceService.class, InferenceServiceFiles::withDerivedDefaults,
            InferenceServiceRules.all(), "file is empty: expected an InferenceService (apiVersion, kind, metadata, spec)");

    private InferenceServiceFiles() {
    }

    /** Every document of every file; folders contribute their *.yaml and *.yml files, sorted by path. */
    public static List<Loaded<InferenceService>> load(List<Path> filesOrFolders) {
        List<Loaded<InferenceService>> out = new ArrayList<>();
        for (Path path : filesOrFolders) {
            if (Files.isDirectory(path)) {
                for (Path file : yamlFilesIn(path, out)) {
                    out.addAll(CHECKER.load(file));
                }
            } else {
                out.addAll(CHECKER.load(path));
            }
        }
        return out;
    }

    public static List<Loaded<InferenceService>> load(Path file) {
        return CHECKER.load(file);
    }

    /** Checks one parsed document. */
    public static Loaded<InferenceService> check(YamlDocument document) {
        return CHECKER.check(document);
    }

    /**
     * Defaults that depend on other fields: the weights sub-path is the model's name, and a
     * given securityContext is merged over the default one (as the reference composition does).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withDerivedDefaults(Map<String, Object> document) {
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.remove("status");
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) copy.get("spec"));
        Map<String, Object> weights = new LinkedHashMap<>((Map<String, Object>) spec.get("weightsFileSystem"));
        weights.putIfAbsent("subPath", ((Map<String, Object>) copy.get("metadata")).get("name"));
        spec.put("weightsFileSystem", weights);
        Map<String, Object> security = new LinkedHashMap<>(
                (Map<String, Object>) InferenceServiceSchema.spec().fields().get("securityContext").schema().defaultValue());
        security.putAll((Map<String, Object>) spec.get("securityContext"));
        spec.put("securityContext", security);
        copy.put("spec", spec);
        return copy;
    }

    private static List<Path> yamlFilesIn(Path folder, List<Loaded<InferenceService>> problems) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(Loaded.unreadable(folder.toString(), "cannot list folder: " + e.getMessage()));
            return List.of();
        }
    }
}
