package dev.sovereign.router;

import dev.sovereign.router.config.RouterConfig;
import dev.sovereign.router.config.RouterConfig.DecisionConfig;
import dev.sovereign.router.config.RouterConfig.PiiPolicy;
import dev.sovereign.router.pii.PiiDetector;
import dev.sovereign.router.pii.PiiEntity;
import dev.sovereign.router.rules.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the matched decision and the signals into the final answer: the jailbreak guard, the
 * model and its reasoning switch, the PII policy (allow, block, redact) and the plugins.
 */
final class DecisionPolicies {

    private final RouterConfig config;

    DecisionPolicies(RouterConfig config) {
        this.config = config;
    }

    boolean guardEnabled() {
        return config.promptGuard() == null || !Boolean.FALSE.equals(config.promptGuard().enabled());
    }

    double guardThreshold() {
        return config.promptGuard() == null || config.promptGuard().threshold() == null ? 0.7 : config.promptGuard().threshold();
    }

    boolean piiEnabled() {
        return config.classifier() == null || config.classifier().piiModel() == null
                || !Boolean.FALSE.equals(config.classifier().piiModel().enabled());
    }

    /** Extension: {@code classifier.pii_model.detect_names: true} turns the PERSON / LOCATION tagger on. */
    boolean detectNames() {
        return piiEnabled() && config.classifier() != null && config.classifier().piiModel() != null
                && Boolean.TRUE.equals(config.classifier().piiModel().detectNames());
    }

    Decision apply(DecisionConfig matched, Signals s, RouteRequest request, List<List<PiiEntity>> perMessage,
                   List<Decision.PiiSpan> spans, String encoder, long t0) {
        List<String> piiTypes = s.piiTypes().stream().map(Enum::name).toList();
        List<String> keywordRules = List.copyOf(s.keywordRules());
        if (s.jailbreak()) {
            return new Decision(config.defaultModel(), "jailbreak_blocked", s.domain(), s.domainConfidence(), s.category(),
                    false, Map.of(), true, s.jailbreakScore(), piiTypes, spans, "allow", null, null, true, "jailbreak",
                    keywordRules, s.contextTokens(), encoder, false, SemanticRouter.elapsedMs(t0));
        }
        String name = matched == null ? "default" : matched.name();
        RouterConfig.ModelRef ref = matched == null ? null : matched.modelRefs().getFirst();
        String model = ref == null ? config.defaultModel() : ref.model();
        boolean reasoning = ref != null && Boolean.TRUE.equals(ref.useReasoning());
        Map<String, Object> mutation = ReasoningSwitch.mutation(config, model, reasoning,
                ref == null ? null : ref.reasoningEffort());

        PiiPolicy policy = piiPolicy(matched, model);
        String action = piiAction(policy, s);
        List<String> redacted = null;
        if ("redact".equals(action)) {
            // only the types the policy does not allow are redacted; allowed ones reach the model as sent
            List<String> allowed = allowedTypes(policy);
            redacted = new ArrayList<>();
            for (int i = 0; i < request.messages().size(); i++) {
                List<PiiEntity> disallowed = perMessage.get(i).stream().filter(e -> !allowed.contains(e.type().name())).toList();
                redacted.add(PiiDetector.redact(request.messages().get(i).text(), disallowed));
            }
        }
        boolean blocked = "block".equals(action);
        return new Decision(model, blocked ? "pii_blocked" : name, s.domain(), s.domainConfidence(), s.category(),
                reasoning, mutation, false, s.jailbreakScore(), piiTypes, spans, action, redacted,
                systemPrompt(matched), blocked, blocked ? "pii" : null, keywordRules, s.contextTokens(), encoder,
                false, SemanticRouter.elapsedMs(t0));
    }

    /** Blocked unread: the client-controlled text is past the guard's bound (docs/router.md). */
    Decision refuseTooLong(long t0) {
        return new Decision(config.defaultModel(), "too_long_blocked", null, 0, null, false, Map.of(), false, 0,
                List.of(), List.of(), "allow", null, null, true, "too_long", List.of(), 0, null, false,
                SemanticRouter.elapsedMs(t0));
    }

    /** The decision's own pii plugin, else the chosen model's policy; null when neither has one. */
    private PiiPolicy piiPolicy(DecisionConfig matched, String model) {
        PiiPolicy policy = decisionPiiPolicy(matched);
        if (policy == null) {
            RouterConfig.ModelConfig mc = config.modelConfig() == null ? null : config.modelConfig().get(model);
            policy = mc == null ? null : mc.piiPolicy();
        }
        return policy;
    }

    private static List<String> allowedTypes(PiiPolicy policy) {
        return policy == null || policy.piiTypesAllowed() == null ? List.of() : policy.piiTypesAllowed();
    }

    /** allow when nothing disallowed was found; else the policy's action (block unless redact). */
    private static String piiAction(PiiPolicy policy, Signals s) {
        if (s.piiTypes().isEmpty()) {
            return "allow";
        }
        if (policy == null || policy.allowByDefault() == null || policy.allowByDefault()) {
            return "allow";
        }
        List<String> allowed = allowedTypes(policy);
        boolean disallowed = s.piiTypes().stream().anyMatch(t -> !allowed.contains(t.name()));
        if (!disallowed) {
            return "allow";
        }
        return "redact".equals(policy.action()) ? "redact" : "block";
    }

    /** The Iris per-decision {@code pii} plugin: {enabled, pii_types_allowed, action}. */
    private static PiiPolicy decisionPiiPolicy(DecisionConfig matched) {
        Map<String, Object> c = plugin(matched, "pii");
        if (c == null) {
            return null;
        }
        if (Boolean.FALSE.equals(c.get("enabled"))) {
            return new PiiPolicy(true, null, null);
        }
        @SuppressWarnings("unchecked")
        List<String> allowed = c.get("pii_types_allowed") instanceof List<?> l ? (List<String>) l : List.of();
        return new PiiPolicy(false, allowed, c.get("action") == null ? "block" : c.get("action").toString());
    }

    private static String systemPrompt(DecisionConfig matched) {
        Map<String, Object> c = plugin(matched, "system_prompt");
        if (c == null || Boolean.FALSE.equals(c.get("enabled")) || c.get("system_prompt") == null) {
            return null;
        }
        return c.get("system_prompt").toString();
    }

    private static Map<String, Object> plugin(DecisionConfig matched, String type) {
        if (matched == null || matched.plugins() == null) {
            return null;
        }
        return matched.plugins().stream().filter(p -> type.equals(p.type())).findFirst()
                .map(p -> p.configuration() == null ? Map.<String, Object>of() : p.configuration()).orElse(null);
    }
}
