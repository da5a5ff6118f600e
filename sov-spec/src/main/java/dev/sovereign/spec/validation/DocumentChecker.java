package dev.sovereign.spec.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.spec.schema.ObjectSchema;
import dev.sovereign.spec.yaml.YamlDocument;
import dev.sovereign.spec.yaml.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns YAML documents into typed, validated values in three steps: the schema (types,
 * ranges, unknown fields, defaults), derived defaults, then the cross-field rules on the
 * typed value. Problems come back sorted by line.
 */
public final class DocumentChecker<T> {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ObjectSchema schema;
    private final Class<T> type;
    private final UnaryOperator<Map<String, Object>> derivedDefaults;
    private final List<Rule<T>> rules;
    private final String emptyFileMessage;

    public DocumentChecker(ObjectSchema schema, Class<T> type, UnaryOperator<Map<String, Object>> derivedDefaults,
                           List<Rule<T>> rules, String emptyFileMessage) {
        this.schema = schema;
        this.type = type;
        this.derivedDefaults = derivedDefaults;
        this.rules = List.copyOf(rules);
        this.emptyFileMessage = emptyFileMessage;
    }

    /** Every document of one file. */
    public List<Loaded<T>> load(Path file) {
        String name = file.toString();
        if (!Files.exists(file)) {
            return List.of(Loaded.unreadable(name, "no such file or folder"));
        }
        YamlFiles.Parsed parsed = YamlFiles.read(file);
        if (!parsed.ok()) {
            return List.of(new Loaded<>(name, -1, null, parsed.problems()));
        }
        if (parsed.documents().isEmpty()) {
            return List.of(Loaded.unreadable(name, emptyFileMessage));
        }
        return parsed.documents().stream().map(this::check).toList();
    }

    public Loaded<T> check(YamlDocument document) {
        SchemaValidator validator = new SchemaValidator(document.file());
        Object plain = validator.validate(document.root(), schema, "");
        if (!validator.problems().isEmpty()) {
            return new Loaded<>(document.file(), document.index(), null, byLine(validator.problems()));
        }
        @SuppressWarnings("unchecked")
        T value = MAPPER.convertValue(derivedDefaults.apply((Map<String, Object>) plain), type);
        List<Problem> problems = new ArrayList<>();
        for (Rule<T> rule : rules) {
            for (Rule.Violation violation : rule.check().apply(value)) {
                problems.add(new Problem(document.file(), validator.lineOf(violation.path()), violation.path(),
                        violation.message()));
            }
        }
        return new Loaded<>(document.file(), document.index(), problems.isEmpty() ? value : null, byLine(problems),
                validator::lineOf);
    }

    private static List<Problem> byLine(List<Problem> problems) {
        return problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
    }
}
