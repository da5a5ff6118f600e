package dev.sovereign.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RouterConfigLoaderTest {

    @Test
    void bundledDefaultCarriesTheReferenceDecisionTable() {
        RouterConfig c = RouterConfigLoader.bundledDefault();
        assertThat(c.defaultModel()).isEqualTo("xplane-qwen3-8b");
        assertThat(c.autoModelName()).isEqualTo("MoM");
        assertThat(c.decisions()).extracting(RouterConfig.DecisionConfig::name, RouterConfig.DecisionConfig::priority)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("code_with_reasoning", 110),
                        org.assertj.core.groups.Tuple.tuple("code_decision", 100),
                        org.assertj.core.groups.Tuple.tuple("reasoning_decision", 90),
                        org.assertj.core.groups.Tuple.tuple("multilingual_decision", 80),
                        org.assertj.core.groups.Tuple.tuple("general_decision", 50));
        assertThat(c.signals().keywordRules().getFirst().keywords()).contains("stack trace", "function ", "kubectl");
        assertThat(c.signals().contextRules().getFirst().minTokens()).isEqualTo(500);
    }

    private static RouterConfig parse(String yaml) {
        return RouterConfigLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> parse("auto_model_name: MoM\n"))
                .hasMessage("test.yaml: default_model is required");
        assertThatThrownBy(() -> parse("default_model: m\ndecisions:\n  - name: d\n    priority: 1\n"
                + "    rules: {type: domain, name: nope}\n    modelRefs: [{model: m}]\n"))
                .hasMessage("test.yaml: decisions[0].rules.name names unknown category 'nope'");
        assertThatThrownBy(() -> parse("default_model: m\ndecisions:\n  - name: d\n    priority: 1\n"
                + "    rules: {operator: XOR, conditions: [{type: jailbreak}]}\n    modelRefs: [{model: m}]\n"))
                .hasMessage("test.yaml: decisions[0].rules.operator must be AND, OR or NOT");
        assertThatThrownBy(() -> parse("default_model: m\ndefault_modle: x\n"))
                .hasMessage("test.yaml: unknown field 'default_modle'");
        assertThatThrownBy(() -> parse("default_model: m\ndecisions:\n  - name: d\n    priorty: 1\n"))
                .hasMessage("test.yaml: unknown field 'priorty' in decisions[0]");
        assertThatThrownBy(() -> parse("default_model: m\ndecisions:\n  - name: d\n    priority: high\n"))
                .hasMessageStartingWith("test.yaml: decisions[0].priority: Cannot deserialize value of type `java.lang.Integer`");
        assertThatThrownBy(() -> parse("default_model: m\nsignals:\n  keyword_rules:\n    - {name: k, regexes: ['(']}\n"))
                .hasMessageStartingWith("test.yaml: signals.keyword_rules[0].regexes[0] is not a valid regex");
        assertThatThrownBy(() -> parse("default_model: [\n"))
                .hasMessageStartingWith("test.yaml: ");
    }
}
