package dev.sovereign.router.rules;

import dev.sovereign.router.config.RouterConfig.Condition;

/** Evaluates a decision's AND / OR / NOT tree of signal conditions. */
public final class ConditionEvaluator {

    private final double categoryThreshold;

    public ConditionEvaluator(double categoryThreshold) {
        this.categoryThreshold = categoryThreshold;
    }

    public boolean matches(Condition c, Signals s) {
        if (c.operator() != null) {
            return switch (c.operator()) {
                case "AND" -> c.conditions().stream().allMatch(x -> matches(x, s));
                case "OR" -> c.conditions().stream().anyMatch(x -> matches(x, s));
                case "NOT" -> !matches(c.conditions().getFirst(), s);
                default -> throw new IllegalStateException("operator " + c.operator());
            };
        }
        return switch (c.type()) {
            case "domain" -> c.name().equals(s.category()) && s.categoryConfidence() >= categoryThreshold;
            case "keyword" -> s.keywordRules().contains(c.name());
            case "context" -> s.contextRules().contains(c.name());
            case "pii" -> c.name() == null ? !s.piiTypes().isEmpty()
                    : s.piiTypes().stream().anyMatch(t -> t.name().equalsIgnoreCase(c.name()));
            case "jailbreak" -> s.jailbreak();
            default -> false;
        };
    }
}
