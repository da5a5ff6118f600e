package dev.sovereign.router.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The router configuration, in the shape of vLLM Semantic Router's v0.1 "Iris" config.yaml
 * (snake_case keys, {@code decisions} with {@code rules}, {@code modelRefs} and {@code plugins}),
 * so an existing file ports with few edits; docs/router.md lists the mapping.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record RouterConfig(
        @JsonProperty("default_model") String defaultModel,
        @JsonProperty("auto_model_name") String autoModelName,
        @JsonProperty("encoder") EncoderConfig encoder,
        @JsonProperty("model_config") Map<String, ModelConfig> modelConfig,
        @JsonProperty("reasoning_families") Map<String, ReasoningFamily> reasoningFamilies,
        @JsonProperty("default_reasoning_effort") String defaultReasoningEffort,
        @JsonProperty("prompt_guard") PromptGuard promptGuard,
        @JsonProperty("classifier") Classifier classifier,
        @JsonProperty("categories") List<Category> categories,
        @JsonProperty("signals") Signals signals,
        @JsonProperty("strategy") String strategy,
        @JsonProperty("decisions") List<DecisionConfig> decisions) {

    /** Which prompt encoder feeds the heads: {@code static}, {@code transformer} or {@code cascade}. */
    public record EncoderConfig(
            @JsonProperty("mode") String mode,
            @JsonProperty("cascade_below") Double cascadeBelow) {
    }

    public record ModelConfig(
            @JsonProperty("reasoning_family") String reasoningFamily,
            @JsonProperty("preferred_endpoints") List<String> preferredEndpoints,
            @JsonProperty("pii_policy") PiiPolicy piiPolicy) {
    }

    /**
     * vLLM SR's {@code allow_by_default} and {@code pii_types_allowed}, plus {@code action}: what to
     * do with a type that is not allowed ({@code block}, the SR behaviour, or {@code redact}).
     */
    public record PiiPolicy(
            @JsonProperty("allow_by_default") Boolean allowByDefault,
            @JsonProperty("pii_types_allowed") List<String> piiTypesAllowed,
            @JsonProperty("action") String action) {
    }

    public record ReasoningFamily(
            @JsonProperty("type") String type,
            @JsonProperty("parameter") String parameter) {
    }

    public record PromptGuard(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("threshold") Double threshold,
            @JsonProperty("use_cpu") Boolean useCpu,
            @JsonProperty("model_id") String modelId) {
    }

    public record Classifier(
            @JsonProperty("category_model") Threshold categoryModel,
            @JsonProperty("pii_model") Threshold piiModel) {
    }

    public record Threshold(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("threshold") Double threshold,
            @JsonProperty("model_id") String modelId,
            @JsonProperty("use_cpu") Boolean useCpu,
            @JsonProperty("pii_mapping_path") String piiMappingPath,
            @JsonProperty("detect_names") Boolean detectNames) {
    }

    public record Category(
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("mmlu_categories") List<String> mmluCategories) {
    }

    public record Signals(
            @JsonProperty("keyword_rules") List<KeywordRule> keywordRules,
            @JsonProperty("context_rules") List<ContextRule> contextRules) {
    }

    /** {@code operator}: OR (any), AND (all), NOR (none). {@code regexes} are an extension. */
    public record KeywordRule(
            @JsonProperty("name") String name,
            @JsonProperty("operator") String operator,
            @JsonProperty("case_sensitive") Boolean caseSensitive,
            @JsonProperty("keywords") List<String> keywords,
            @JsonProperty("regexes") List<String> regexes) {
    }

    public record ContextRule(
            @JsonProperty("name") String name,
            @JsonProperty("min_tokens") Integer minTokens,
            @JsonProperty("max_tokens") Integer maxTokens) {
    }

    public record DecisionConfig(
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("priority") Integer priority,
            @JsonProperty("rules") Condition rules,
            @JsonProperty("modelRefs") List<ModelRef> modelRefs,
            @JsonProperty("plugins") List<Plugin> plugins) {
    }

    /**
     * Either a leaf ({@code type} + {@code name}: domain, keyword, context, pii, jailbreak) or a
     * node ({@code operator} AND / OR / NOT over {@code conditions}). Nodes nest.
     */
    public record Condition(
            @JsonProperty("type") String type,
            @JsonProperty("name") String name,
            @JsonProperty("operator") String operator,
            @JsonProperty("conditions") List<Condition> conditions) {
    }

    public record ModelRef(
            @JsonProperty("model") String model,
            @JsonProperty("use_reasoning") Boolean useReasoning,
            @JsonProperty("reasoning_effort") String reasoningEffort) {
    }

    public record Plugin(
            @JsonProperty("type") String type,
            @JsonProperty("configuration") Map<String, Object> configuration) {
    }
}
