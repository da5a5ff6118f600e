package dev.sovereign.router;

import dev.sovereign.router.config.RouterConfig;
import dev.sovereign.router.config.RouterConfigLoader;
import java.nio.charset.StandardCharsets;

/** Small configurations for tests that need a policy the bundled default does not have. */
final class RouterTestConfigs {
    private RouterTestConfigs() {
    }

    /** Two models: "open" sees any PII; "strict" allows only e-mail addresses and applies {@code action}. */
    static RouterConfig piiPolicies(String action) {
        String yaml = """
                default_model: open
                model_config:
                  open: {pii_policy: {allow_by_default: true}}
                  strict: {pii_policy: {allow_by_default: false, pii_types_allowed: [EMAIL_ADDRESS], action: %s}}
                signals:
                  keyword_rules:
                    - {name: hr, operator: OR, keywords: [payroll], regexes: ['\\bemployee\\s+#\\d+']}
                decisions:
                  - name: hr_decision
                    priority: 10
                    rules: {type: keyword, name: hr}
                    modelRefs: [{model: strict}]
                    plugins:
                      - {type: system_prompt, configuration: {system_prompt: "You are the HR assistant."}}
                  - name: not_hr
                    priority: 5
                    rules: {operator: NOT, conditions: [{type: keyword, name: hr}]}
                    modelRefs: [{model: open}]
                """.formatted(action);
        return RouterConfigLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
    }
}
