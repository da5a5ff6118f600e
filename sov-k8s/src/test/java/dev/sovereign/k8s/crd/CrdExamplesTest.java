package dev.sovereign.k8s.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.render.Fleet;
import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.k8s.yaml.Tree;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import dev.sovereign.spec.inference.InferenceServiceRules;
import dev.sovereign.spec.inference.InferenceServiceSchema;
import dev.sovereign.spec.validation.Rule;
import dev.sovereign.spec.yaml.YamlFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRD as it ships, judged as an API server would judge objects against it: every
 * {@code x-kubernetes-validations} rule found anywhere in its schema (the cross-field rules,
 * and exactly-one-of rules where the spec has any), run by cel-java on the defaulted object, and the
 * name pattern. Valid examples pass every rule; every document {@code sov validate} refuses
 * for a cross-field reason is refused by some rule.
 */
class CrdExamplesTest {

    /** A rule and where in the object it is attached; "[]" steps into every list item. */
    private record Located(List<String> path, String rule, String message) {
    }

    private final KubernetesCel cel = new KubernetesCel();
    private final Map<String, Object> specSchema = InferenceServiceCrd.specSchema();
    private final List<Located> rules = collect(specSchema, List.of(), new ArrayList<>());

    @Test
    void theCrdCarriesEveryCrossFieldRule() {
        assertThat(rules.stream().map(Located::rule))
                .containsAll(InferenceServiceRules.all().stream().map(Rule::cel).toList());
    }

    @Test
    void everyExampleModelPassesEveryRule() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Fleet.folder())) {
            examples = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            Object spec = Tree.at(ManifestYaml.read(Files.readString(example)), "spec");
            assertThat(failing(spec)).as(example.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void whatSovValidateRefusesSomeRuleRefusesAndTheOtherWayRound() throws IOException {
        int refused = 0;
        for (Map<String, Object> testCase : CelJavaAgreementTest.cases()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("apiVersion", InferenceServiceSchema.API_VERSION);
            document.put("kind", InferenceServiceSchema.KIND);
            document.put("metadata", Map.of("name", "m"));
            document.put("spec", testCase.get("spec"));
            boolean valid = InferenceServiceFiles.check(YamlFiles.parse("case.yaml", ManifestYaml.write(document))
                    .documents().getFirst()).valid();
            List<String> failing = failing(testCase.get("spec"));
            assertThat(failing.isEmpty()).as("case %s: failing rules %s", testCase.get("case"), failing).isEqualTo(valid);
            refused += valid ? 0 : 1;
        }
        assertThat(refused).as("some cases are invalid, else this test proves nothing").isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNameIsADns1035LabelOfAtMost63Characters() {
        Map<String, Object> name = (Map<String, Object>) Tree.at(InferenceServiceCrd.rootSchema(),
                "properties", "metadata", "properties", "name");
        assertThat(name).containsEntry("maxLength", 63).containsEntry("type", "string");
        Pattern pattern = Pattern.compile((String) name.get("pattern"));
        for (String good : List.of("a", "xplane-qwen3-8b", "m1", "a".repeat(63))) {
            assertThat(pattern.matcher(good).find()).as(good).isTrue();
        }
        // A Service name must start with a letter: "1model" is a DNS-1123 label but not a DNS-1035 one.
        for (String bad : List.of("1model", "-a", "a-", "A", "a_b", "a.b", "")) {
            assertThat(pattern.matcher(bad).find()).as(bad).isFalse();
        }
    }

    private List<String> failing(Object spec) {
        Object defaulted = StructuralDefaults.apply(specSchema, spec);
        List<String> out = new ArrayList<>();
        for (Located rule : rules) {
            for (Object self : at(defaulted, rule.path(), 0)) {
                if (!cel.holds(rule.rule(), self)) {
                    out.add(String.join(".", rule.path()) + ": " + rule.message());
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Located> collect(Map<String, Object> schema, List<String> path, List<Located> out) {
        for (Object entry : (List<Object>) schema.getOrDefault("x-kubernetes-validations", List.of())) {
            Map<String, Object> validation = (Map<String, Object>) entry;
            out.add(new Located(path, (String) validation.get("rule"), (String) validation.get("message")));
        }
        ((Map<String, Object>) schema.getOrDefault("properties", Map.of())).forEach((name, child) ->
                collect((Map<String, Object>) child, append(path, name), out));
        if (schema.get("items") instanceof Map<?, ?> items) {
            collect((Map<String, Object>) items, append(path, "[]"), out);
        }
        return out;
    }

    /** The values at a path; a rule on an absent field is not evaluated, as on an API server. */
    private static List<Object> at(Object value, List<String> path, int step) {
        if (value == null) {
            return List.of();
        }
        if (step == path.size()) {
            return List.of(value);
        }
        if (path.get(step).equals("[]")) {
            return value instanceof List<?> list
                    ? list.stream().flatMap(item -> at(item, path, step + 1).stream()).toList() : List.of();
        }
        return value instanceof Map<?, ?> map ? at(map.get(path.get(step)), path, step + 1) : List.of();
    }

    private static List<String> append(List<String> path, String step) {
        List<String> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }
}
