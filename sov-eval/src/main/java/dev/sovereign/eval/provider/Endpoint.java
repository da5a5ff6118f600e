package dev.sovereign.eval.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.eval.config.ProviderSpec;
import java.util.Map;

/**
 * Where a provider's requests go and with which key, resolved like Promptfoo's OpenAI provider:
 * {@code apiBaseUrl}, then {@code apiHost}, then {@code OPENAI_BASE_URL}/{@code OPENAI_API_BASE_URL};
 * the key from {@code apiKey}, then the variable named by {@code apiKeyEnvar}, then {@code OPENAI_API_KEY}.
 * One difference: a provider with no endpoint at all (a grader written {@code openai:chat:judge})
 * uses the suite's first provider's endpoint and key, where Promptfoo would call api.openai.com;
 * a self-hosted platform must not send prompts out by default.
 * {@code SOV_EVAL_BASE_URL}, when set, overrides every endpoint: a suite written for one
 * machine ({@code apiBaseUrl: http://127.0.0.1:8080/v1}) then runs unchanged elsewhere, e.g.
 * in the cluster's CronJob against the gateway's Service.
 */
public record Endpoint(String baseUrl, String apiKey) {

    /** Environment variable that sends every provider to one base URL. */
    public static final String OVERRIDE = "SOV_EVAL_BASE_URL";

    private static final java.util.Set<String> ENDPOINT_KEYS = java.util.Set.of("apiBaseUrl", "apiHost", "apiKey", "apiKeyEnvar");

    public static Endpoint of(ProviderSpec spec, Map<String, String> env, JsonNode suiteDefault) {
        JsonNode c = spec.config();
        boolean noEndpoint = text(c, "apiBaseUrl") == null && text(c, "apiHost") == null
                && env.get("OPENAI_BASE_URL") == null && env.get("OPENAI_API_BASE_URL") == null;
        if (noEndpoint && suiteDefault != null) {
            com.fasterxml.jackson.databind.node.ObjectNode merged = spec.config().deepCopy();
            suiteDefault.properties().forEach(e -> {
                if (ENDPOINT_KEYS.contains(e.getKey()) && !merged.has(e.getKey())) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            c = merged;
        }
        String base = text(c, "apiBaseUrl");
        if (base == null && text(c, "apiHost") != null) {
            base = "https://" + text(c, "apiHost") + "/v1";
        }
        if (base == null) {
            base = env.getOrDefault("OPENAI_BASE_URL", env.get("OPENAI_API_BASE_URL"));
        }
        if (env.get(OVERRIDE) != null && !env.get(OVERRIDE).isBlank()) {
            base = env.get(OVERRIDE);
        }
        if (base == null) {
            base = "https://api.openai.com/v1";
        }
        String key = text(c, "apiKey");
        if (key == null && text(c, "apiKeyEnvar") != null) {
            key = env.get(text(c, "apiKeyEnvar"));
        }
        if (key == null) {
            key = env.get("OPENAI_API_KEY");
        }
        return new Endpoint(base.endsWith("/") ? base.substring(0, base.length() - 1) : base, key);
    }

    public String url(String path) {
        return baseUrl + "/" + path;
    }

    private static String text(JsonNode config, String field) {
        JsonNode value = config.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
