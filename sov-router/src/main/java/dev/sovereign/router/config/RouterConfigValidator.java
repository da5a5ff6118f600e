package dev.sovereign.router.config;

import dev.sovereign.router.config.RouterConfig.Condition;
import dev.sovereign.router.config.RouterConfig.DecisionConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks cross-references and enumerations; every error names the field that is wrong. */
final class RouterConfigValidator {

    private static final Set<String> MODES = Set.of("static", "transformer", "cascade");
    private static final Set<String> PII_ACTIONS = Set.of("block", "redact");
    private static final Set<String> KEYWORD_OPERATORS = Set.of("AND", "OR", "NOR");

    private final String source;

    RouterConfigValidator(String source) {
        this.source = source;
    }

    void validate(RouterConfig c) {
        require(c.defaultModel() != null && !c.defaultModel().isBlank(), "default_model", "is required");
        if (c.encoder() != null && c.encoder().mode() != null) {
            require(MODES.contains(c.encoder().mode()), "encoder.mode", "must be one of " + MODES);
        }
        Map<String, RouterConfig.ModelConfig> models = c.modelConfig() == null ? Map.of() : c.modelConfig();
        models.forEach((name, m) -> {
            if (m != null && m.reasoningFamily() != null) {
                require(c.reasoningFamilies() != null && c.reasoningFamilies().containsKey(m.reasoningFamily()),
                        "model_config." + name + ".reasoning_family", "names unknown family '" + m.reasoningFamily() + "'");
            }
            if (m != null && m.piiPolicy() != null && m.piiPolicy().action() != null) {
                require(PII_ACTIONS.contains(m.piiPolicy().action()), "model_config." + name + ".pii_policy.action",
                        "must be block or redact");
            }
        });
        if (c.reasoningFamilies() != null) {
            c.reasoningFamilies().forEach((name, f) -> require(f != null
                            && Set.of("chat_template_kwargs", "reasoning_effort").contains(f.type()),
                    "reasoning_families." + name + ".type", "must be chat_template_kwargs or reasoning_effort"));
        }
        Set<String> categories = new HashSet<>();
        for (int i = 0; c.categories() != null && i < c.categories().size(); i++) {
            RouterConfig.Category cat = c.categories().get(i);
            require(cat.name() != null, "categories[" + i + "].name", "is required");
            require(cat.mmluCategories() != null && !cat.mmluCategories().isEmpty(),
                    "categories[" + i + "].mmlu_categories", "must list at least one MMLU-Pro category");
            categories.add(cat.name());
        }
        Set<String> keywords = new HashSet<>();
        Set<String> contexts = new HashSet<>();
        if (c.signals() != null) {
            List<RouterConfig.KeywordRule> rules = c.signals().keywordRules() == null ? List.of() : c.signals().keywordRules();
            for (int i = 0; i < rules.size(); i++) {
                RouterConfig.KeywordRule r = rules.get(i);
                String at = "signals.keyword_rules[" + i + "]";
                require(r.name() != null, at + ".name", "is required");
                require(r.operator() == null || KEYWORD_OPERATORS.contains(r.operator()), at + ".operator",
                        "must be AND, OR or NOR");
                require((r.keywords() != null && !r.keywords().isEmpty()) || (r.regexes() != null && !r.regexes().isEmpty()),
                        at + ".keywords", "needs keywords or regexes");
                for (int j = 0; r.regexes() != null && j < r.regexes().size(); j++) {
                    try {
                        Pattern.compile(r.regexes().get(j));
                    } catch (PatternSyntaxException e) {
                        fail(at + ".regexes[" + j + "]", "is not a valid regex: " + e.getDescription());
                    }
                }
                keywords.add(r.name());
            }
            List<RouterConfig.ContextRule> ctx = c.signals().contextRules() == null ? List.of() : c.signals().contextRules();
            for (int i = 0; i < ctx.size(); i++) {
                require(ctx.get(i).name() != null, "signals.context_rules[" + i + "].name", "is required");
                contexts.add(ctx.get(i).name());
            }
        }
        List<DecisionConfig> decisions = c.decisions() == null ? List.of() : c.decisions();
        for (int i = 0; i < decisions.size(); i++) {
            DecisionConfig d = decisions.get(i);
            String at = "decisions[" + i + "]";
            require(d.name() != null && !d.name().isBlank(), at + ".name", "is required");
            require(d.priority() != null, at + ".priority", "is required");
            require(d.rules() != null, at + ".rules", "is required");
            require(d.modelRefs() != null && !d.modelRefs().isEmpty() && d.modelRefs().getFirst().model() != null,
                    at + ".modelRefs", "must name at least one model");
            checkCondition(d.rules(), at + ".rules", categories, keywords, contexts);
        }
    }

    private void checkCondition(Condition c, String at, Set<String> categories, Set<String> keywords, Set<String> contexts) {
        if (c.operator() != null) {
            require(Set.of("AND", "OR", "NOT").contains(c.operator()), at + ".operator", "must be AND, OR or NOT");
            require(c.conditions() != null && !c.conditions().isEmpty(), at + ".conditions", "must not be empty");
            require(!"NOT".equals(c.operator()) || c.conditions().size() == 1, at + ".conditions",
                    "NOT takes exactly one condition");
            for (int i = 0; i < c.conditions().size(); i++) {
                checkCondition(c.conditions().get(i), at + ".conditions[" + i + "]", categories, keywords, contexts);
            }
            return;
        }
        require(c.type() != null, at + ".type", "is required (or give operator + conditions)");
        switch (c.type()) {
            case "domain" -> require(categories.contains(c.name()), at + ".name", "names unknown category '" + c.name() + "'");
            case "keyword" -> require(keywords.contains(c.name()), at + ".name", "names unknown keyword rule '" + c.name() + "'");
            case "context" -> require(contexts.contains(c.name()), at + ".name", "names unknown context rule '" + c.name() + "'");
            case "pii", "jailbreak" -> { }
            default -> fail(at + ".type", "must be domain, keyword, context, pii or jailbreak, not '" + c.type() + "'");
        }
    }

    private void require(boolean ok, String field, String message) {
        if (!ok) {
            fail(field, message);
        }
    }

    private void fail(String field, String message) {
        throw new RouterConfigException(source + ": " + field + " " + message);
    }
}
