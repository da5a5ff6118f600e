package dev.sovereign.spec.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.spec.validation.Problem;
import dev.sovereign.spec.validation.Rule;
import dev.sovereign.spec.validation.SchemaValidator;
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

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Rule<InferenceServiceSpec>> RULES = InferenceServiceRules.all();

    private InferenceServiceFiles() {
    }

    /** Every document of every file; folders contribute their *.yaml and *.yml files, sorted by path. */
    public static List<LoadedDocument> load(List<Path> filesOrFolders) {
        List<LoadedDocument> out = new ArrayList<>();
        for (Path path : filesOrFolders) {
            if (Files.isDirectory(path)) {
                for (Path file : yamlFilesIn(path, out)) {
                    out.addAll(load(file));
                }
            } else {
                out.addAll(load(path));
            }
        }
        return out;
    }

    public static List<LoadedDocument> load(Path file) {
        String name = file.toString();
        if (!Files.exists(file)) {
            return List.of(unreadable(name, "no such file or folder"));
        }
        YamlFiles.Parsed parsed = YamlFiles.read(file);
        if (!parsed.ok()) {
            return List.of(new LoadedDocument(name, -1, null, parsed.problems()));
        }
        if (parsed.documents().isEmpty()) {
            return List.of(unreadable(name, "file is empty: expected an InferenceService (apiVersion, kind, metadata, spec)"));
        }
        return parsed.documents().stream().map(InferenceServiceFiles::check).toList();
    }

    /** Checks one parsed document. */
    public static LoadedDocument check(YamlDocument document) {
        SchemaValidator validator = new SchemaValidator(document.file());
        Object plain = validator.validate(document.root(), InferenceServiceSchema.document(), "");
        if (!validator.problems().isEmpty()) {
            return new LoadedDocument(document.file(), document.index(), null, byLine(validator.problems()));
        }
        @SuppressWarnings("unchecked")
        InferenceService service = bind(withDerivedDefaults((Map<String, Object>) plain));
        List<Problem> problems = new ArrayList<>();
        for (Rule<InferenceServiceSpec> rule : RULES) {
            for (Rule.Violation violation : rule.check().apply(service.spec())) {
                problems.add(new Problem(document.file(), validator.lineOf(violation.path()), violation.path(),
                        violation.message()));
            }
        }
        return new LoadedDocument(document.file(), document.index(), problems.isEmpty() ? service : null, byLine(problems));
    }

    private static List<Problem> byLine(List<Problem> problems) {
        return problems.stream().sorted(java.util.Comparator.comparingInt(Problem::line)).toList();
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

    private static InferenceService bind(Map<String, Object> plain) {
        return MAPPER.convertValue(plain, InferenceService.class);
    }

    private static List<Path> yamlFilesIn(Path folder, List<LoadedDocument> problems) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(unreadable(folder.toString(), "cannot list folder: " + e.getMessage()));
            return List.of();
        }
    }

    private static LoadedDocument unreadable(String file, String message) {
        return new LoadedDocument(file, -1, null, List.of(new Problem(file, 0, "", message)));
    }
}
