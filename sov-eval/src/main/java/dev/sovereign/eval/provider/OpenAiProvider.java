package dev.sovereign.eval.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.eval.config.ProviderSpec;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Calls {@code /chat/completions} or {@code /completions} of an OpenAI-compatible server and turns the
 * answer into a {@link ProviderResponse}, choosing the output the way Promptfoo's OpenAI provider
 * does (text, or the tool-call list when there is no text). The request and response shapes are
 * kept here on purpose: the eval runner is a client of the public API, not of our wire types.
 */
public final class OpenAiProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Config keys that steer this client rather than being sent to the server. */
    private static final Set<String> CLIENT_KEYS = Set.of("apiBaseUrl", "apiHost", "apiKey", "apiKeyEnvar",
            "cost", "inputCost", "outputCost", "passthrough", "showThinking", "organization", "transform");

    private final Transport transport;
    private final Map<String, String> env;
    /**
     * Error codes that mean "the platform refused this prompt": graded as the output, not an
     * error, so a guardrail test can pass. Promptfoo does this for OpenAI's {@code invalid_prompt};
     * Sovereign's router blocks with {@code blocked_jailbreak} and {@code blocked_pii} (ADR 0042).
     */
    private static final java.util.Set<String> REFUSAL_CODES = java.util.Set.of("invalid_prompt", "blocked_jailbreak", "blocked_pii");

    private final JsonNode suiteEndpoint;

    public OpenAiProvider(Transport transport, Map<String, String> env, JsonNode suiteEndpoint) {
        this.transport = transport;
        this.env = env;
        this.suiteEndpoint = suiteEndpoint;
    }

    public ProviderResponse call(ProviderSpec spec, String prompt) {
        long start = System.nanoTime();
        Endpoint endpoint = Endpoint.of(spec, env, suiteEndpoint);
        try {
            ObjectNode body = JSON.createObjectNode().put("model", spec.model());
            String path;
            if (spec.kind() == ProviderSpec.Kind.COMPLETION) {
                body.put("prompt", prompt);
                path = "completions";
            } else {
                body.set("messages", ChatMessages.of(prompt));
                path = "chat/completions";
            }
            spec.config().properties().forEach(e -> {
                if (!CLIENT_KEYS.contains(e.getKey())) {
                    body.set(e.getKey(), e.getValue());
                }
            });
            if (spec.config().get("passthrough") instanceof ObjectNode passthrough) {
                body.setAll(passthrough);
            }
            Transport.Reply reply = transport.post(endpoint.url(path), endpoint.apiKey(), body.toString());
            long latency = (System.nanoTime() - start) / 1_000_000;
            return parse(spec, reply, latency);
        } catch (IOException e) {
            return ProviderResponse.failed("API error: " + describe(e) + " (" + endpoint.baseUrl() + ")", (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProviderResponse.failed("interrupted", (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static ProviderResponse parse(ProviderSpec spec, Transport.Reply reply, long latency) throws IOException {
        JsonNode data;
        try {
            data = JSON.readTree(reply.body());
        } catch (IOException e) {
            return ProviderResponse.failed("API error: " + reply.status() + " response is not JSON: "
                    + abbreviate(reply.body()), latency);
        }
        if (reply.status() >= 400 && REFUSAL_CODES.contains(data.path("error").path("code").asText())) {
            return new ProviderResponse(JSON.getNodeFactory().textNode("API error: " + reply.status() + "\n" + reply.body()),
                    ProviderResponse.TokenUsage.NONE, latency, null, "content_filter", null);
        }
        if (reply.status() >= 400 || data.has("error")) {
            JsonNode message = data.path("error").path("message");
            return ProviderResponse.failed("API error: " + reply.status() + " "
                    + (message.isMissingNode() ? abbreviate(reply.body()) : message.asText()), latency);
        }
        JsonNode choice = data.path("choices").path(0);
        if (choice.isMissingNode()) {
            return ProviderResponse.failed("API error: response has no choices: " + abbreviate(reply.body()), latency);
        }
        JsonNode output = spec.kind() == ProviderSpec.Kind.COMPLETION ? choice.path("text") : chatOutput(spec, choice.path("message"));
        ProviderResponse.TokenUsage usage = usage(data.path("usage"));
        JsonNode finish = choice.get("finish_reason");
        return new ProviderResponse(output, usage, latency, Pricing.cost(spec.config(), usage),
                finish == null || finish.isNull() ? null : finish.asText(), null);
    }

    private static JsonNode chatOutput(ProviderSpec spec, JsonNode message) {
        JsonNode content = message.get("content");
        JsonNode toolCalls = message.get("tool_calls");
        boolean hasContent = content != null && !content.isNull() && !content.asText().isEmpty();
        boolean hasCalls = toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty();
        JsonNode output;
        if (message.hasNonNull("refusal")) {
            output = message.get("refusal");
        } else if (hasContent && hasCalls) {
            output = message;
        } else if (!hasContent && toolCalls != null && !toolCalls.isNull()) {
            output = toolCalls;
        } else {
            output = content == null || content.isNull() ? null : content;
        }
        JsonNode reasoning = message.hasNonNull("reasoning") ? message.get("reasoning") : message.get("reasoning_content");
        boolean showThinking = spec.config().path("showThinking").asBoolean(true);
        if (reasoning != null && reasoning.isTextual() && output != null && output.isTextual() && showThinking) {
            output = JSON.getNodeFactory().textNode("Thinking: " + reasoning.asText() + "\n\n" + output.asText());
        }
        return output;
    }

    private static ProviderResponse.TokenUsage usage(JsonNode usage) {
        int prompt = usage.path("prompt_tokens").asInt(0);
        int completion = usage.path("completion_tokens").asInt(0);
        return new ProviderResponse.TokenUsage(usage.path("total_tokens").asInt(prompt + completion), prompt, completion);
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException || message == null) {
            return "cannot connect";
        }
        return message;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** Builds the {@code messages} list: a JSON list of chat messages as written, or one user message. */
    static final class ChatMessages {
        private ChatMessages() {
        }

        static ArrayNode of(String prompt) {
            String trimmed = prompt.strip();
            if (trimmed.startsWith("[")) {
                try {
                    JsonNode parsed = JSON.readTree(trimmed);
                    if (parsed.isArray() && !parsed.isEmpty() && parsed.get(0).has("role")) {
                        return (ArrayNode) parsed;
                    }
                } catch (IOException e) {
                    // not JSON: sent as text, like Promptfoo does
                }
            }
            ArrayNode messages = JSON.createArrayNode();
            messages.addObject().put("role", "user").put("content", prompt);
            return messages;
        }
    }
}
