package dev.sovereign.router.rules;

import dev.sovereign.router.pii.PiiType;
import java.util.Set;

/**
 * Everything measured about one request, computed once and read by every decision rule.
 *
 * @param domain the most likely MMLU-Pro category, or null when there was no text to classify
 * @param category the configured category that domain belongs to, or null
 * @param categoryConfidence summed probability of the category's MMLU-Pro classes
 */
public record Signals(
        String domain,
        double domainConfidence,
        String category,
        double categoryConfidence,
        Set<String> keywordRules,
        Set<String> contextRules,
        int contextTokens,
        double jailbreakScore,
        boolean jailbreak,
        Set<PiiType> piiTypes) {
}
