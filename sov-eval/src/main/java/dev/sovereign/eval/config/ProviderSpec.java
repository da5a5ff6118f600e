package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One OpenAI-compatible provider of a suite: {@code openai:chat:MODEL}, {@code openai:completion:MODEL}
 * or {@code openai:embedding:MODEL}, with its {@code config} block (apiBaseUrl, apiKey, sampling fields).
 */
public record ProviderSpec(String id, String label, Kind kind, String model, ObjectNode config) {

    public enum Kind { CHAT, COMPLETION, EMBEDDING }

    /** Parses a provider id such as {@code openai:chat:qwen3-8b}; {@code where} names it in errors. */
    public static ProviderSpec parse(String id, String label, JsonNode config, String where) {
        if (id == null || id.isBlank()) {
            throw new SuiteException(where + ": provider id is missing");
        }
        String[] parts = id.split(":", 3);
        if (!parts[0].equals("openai") || parts.length < 2) {
            throw new SuiteException(where + ": unsupported provider '" + id
                    + "' (use openai:chat:MODEL, openai:completion:MODEL or openai:embedding:MODEL)");
        }
        Kind kind;
        String model;
        if (parts.length == 2) {
            kind = Kind.CHAT;
            model = parts[1];
        } else {
            kind = switch (parts[1]) {
                case "chat" -> Kind.CHAT;
                case "completion" -> Kind.COMPLETION;
                case "embedding", "embeddings" -> Kind.EMBEDDING;
                default -> throw new SuiteException(where + ": unsupported provider type '" + parts[1] + "' in '" + id + "'");
            };
            model = parts[2];
        }
        if (model.isBlank()) {
            throw new SuiteException(where + ": provider '" + id + "' names no model");
        }
        ObjectNode cfg = config instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        if (config != null && !config.isNull() && !config.isObject()) {
            throw new SuiteException(where + ".config: must be a mapping");
        }
        return new ProviderSpec(id, label == null ? id : label, kind, model, cfg);
    }

    /** The same endpoint and credentials, another model kind (used for embeddings and graders). */
    public ProviderSpec withKind(Kind newKind) {
        return new ProviderSpec(id, label, newKind, model, config);
    }
}
