package dev.sovereign.k8s.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.k8s.yaml.Tree;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import dev.sovereign.spec.inference.InferenceServiceRules;
import dev.sovereign.spec.inference.InferenceServiceSchema;
import dev.sovereign.spec.validation.DocumentChecker;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Rule;
import dev.sovereign.spec.yaml.YamlDocument;
import dev.sovereign.spec.yaml.YamlFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The CRD's CEL rules (run by a real CEL implementation on the defaulted spec, as the API
 * server does) and the Java rules of {@code sov validate} give the same verdict, rule by
 * rule, on every case in cel/cases.yaml.
 */
class CelJavaAgreementTest {

    /** Types and defaults documents without judging them, so each rule can be asked on its own. */
    private static final DocumentChecker<InferenceService> TYPED_ONLY = new DocumentChecker<>(
            InferenceServiceSchema.document(), InferenceService.class, UnaryOperator.identity(), List.of(), "empty");

    private final KubernetesCel cel = new KubernetesCel();
    private final Map<String, Object> specSchema = InferenceServiceCrd.specSchema();

    @Test
    void celAndJavaRulesAgreeOnEveryCase() throws IOException {
        List<Rule<InferenceService>> rules = InferenceServiceRules.all();
        Set<String> seenFailing = new HashSet<>();
        Set<String> seenHolding = new HashSet<>();
        List<String> disagreements = new ArrayList<>();
        for (Map<String, Object> testCase : cases()) {
            String name = (String) testCase.get("case");
            String yaml = document(name, testCase.get("spec"));
            InferenceService typed = typed(yaml);
            Object defaultedSpec = StructuralDefaults.apply(specSchema, Tree.at(ManifestYaml.read(yaml), "spec"));
            boolean anyFails = false;
            for (Rule<InferenceService> rule : rules) {
                boolean javaHolds = rule.check().apply(typed).isEmpty();
                boolean celHolds = celHolds(rule, defaultedSpec);
                if (javaHolds != celHolds) {
                    disagreements.add(name + " / " + rule.name() + ": java " + javaHolds + ", cel " + celHolds);
                }
                (javaHolds ? seenHolding : seenFailing).add(rule.name());
                anyFails |= !celHolds;
            }
            Loaded<InferenceService> judged = InferenceServiceFiles.check(parse(yaml));
            assertThat(judged.valid()).as("sov validate on case %s", name).isEqualTo(!anyFails);
        }
        assertThat(disagreements).isEmpty();
        List<String> names = rules.stream().map(Rule::name).toList();
        assertThat(seenFailing).as("every rule is broken by some case").containsAll(names);
        assertThat(seenHolding).as("every rule is met by some case").containsAll(names);
    }

    @Test
    void everyRuleIsValidCel() throws Exception {
        for (Rule<InferenceService> rule : InferenceServiceRules.all()) {
            cel.compile(rule.cel());
        }
    }

    /** As the API server: a rule on a field that is absent is not evaluated. */
    private boolean celHolds(Rule<InferenceService> rule, Object spec) {
        Object self = rule.scope().isEmpty() ? spec : Tree.at(spec, (Object[]) rule.scope().split("\\."));
        return self == null || cel.holds(rule.cel(), self);
    }

    private static InferenceService typed(String yaml) {
        Loaded<InferenceService> loaded = TYPED_ONLY.check(parse(yaml));
        assertThat(loaded.problems()).as("cases must be schema-valid").isEmpty();
        return loaded.value();
    }

    private static YamlDocument parse(String yaml) {
        return YamlFiles.parse("case.yaml", yaml).documents().getFirst();
    }

    private static String document(String name, Object spec) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", InferenceServiceSchema.API_VERSION);
        document.put("kind", InferenceServiceSchema.KIND);
        document.put("metadata", Map.of("name", name));
        document.put("spec", spec);
        return ManifestYaml.write(document);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases() throws IOException {
        try (InputStream in = CelJavaAgreementTest.class.getResourceAsStream("/cel/cases.yaml")) {
            return (List<Map<String, Object>>) ManifestYaml.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
