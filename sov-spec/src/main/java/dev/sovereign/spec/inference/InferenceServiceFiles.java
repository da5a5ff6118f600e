package dev.sovereign.spec.inference;

import dev.sovereign.spec.validation.DocumentChecker;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.yaml.YamlDocument;
import dev.sovereign.spec.yaml.YamlFiles;
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
        try {
            return declarationsIn(folder);
        } catch (IOException e) {
            problems.add(Loaded.unreadable(folder.toString(), "cannot list folder: " + e.getMessage()));
            return List.of();
        }
    }

    /**
     * The YAML files of a folder (and its sub-folders) that declare an InferenceService, sorted by
     * path: a folder may also hold other YAML (an eval suite, a sov.yaml). A file that cannot be
     * read as YAML is kept, so that its error is reported rather than silently skipped.
     */
    public static List<Path> declarationsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(InferenceServiceFiles::mayDeclareAnInferenceService)
                    .sorted()
                    .toList();
        }
    }

    private static boolean mayDeclareAnInferenceService(Path file) {
        YamlFiles.Parsed parsed = YamlFiles.read(file);
        return !parsed.ok() || parsed.documents().isEmpty()
                || parsed.documents().stream().anyMatch(d -> kindOf(d.root()).equals(InferenceServiceSchema.KIND));
    }

    private static String kindOf(org.yaml.snakeyaml.nodes.Node root) {
        if (root instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
            for (org.yaml.snakeyaml.nodes.NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key && key.getValue().equals("kind")
                        && tuple.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode value) {
                    return value.getValue();
                }
            }
        }
        return "";
    }
}
