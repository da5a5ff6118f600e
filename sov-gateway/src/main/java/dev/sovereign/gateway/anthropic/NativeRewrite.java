package dev.sovereign.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sovereign.gateway.mom.ModelChooser.Rewrite;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies the router's decision to a Messages API body bound for a native Anthropic backend, so
 * that backend gets what an OpenAI backend gets: PII redacted in every text the client wrote
 * (system, text blocks, tool results, tool inputs), the decision's system prompt first, and the
 * reasoning switch as Anthropic's {@code thinking}.
 */
final class NativeRewrite {

    /** Anthropic's smallest thinking budget; it must also stay below max_tokens. */
    static final int MIN_THINKING_BUDGET = 1024;

    private NativeRewrite() {
    }

    static void apply(ObjectNode body, Rewrite rewrite) {
        if (!rewrite.replacements().isEmpty()) {
            redact(body, "system", rewrite.replacements());
            redact(body, "messages", rewrite.replacements());
        }
        if (rewrite.systemPrompt() != null) {
            prependSystem(body, rewrite.systemPrompt());
        }
        if (rewrite.reasoning() != null) {
            thinking(body, rewrite.reasoning());
        }
    }

    /** Replaces in every string under {@code field}, except the block types and ids the API defines. */
    private static void redact(ObjectNode parent, String field, Map<String, String> replacements) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            parent.set(field, TextNode.valueOf(replace(node.asText(), replacements)));
        } else if (node.isContainerNode()) {
            redactTree(node, replacements);
        }
    }

    private static void redactTree(JsonNode node, Map<String, String> replacements) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey();
                if (key.equals("type") || key.equals("id") || key.equals("tool_use_id") || key.equals("source")
                        || key.equals("cache_control") || key.equals("signature")) {
                    continue;
                }
                if (entry.getValue().isTextual()) {
                    entry.setValue(TextNode.valueOf(replace(entry.getValue().asText(), replacements)));
                } else {
                    redactTree(entry.getValue(), replacements);
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(replace(array.get(i).asText(), replacements)));
                } else {
                    redactTree(array.get(i), replacements);
                }
            }
        }
    }

    private static String replace(String text, Map<String, String> replacements) {
        String out = text;
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            out = out.replace(r.getKey(), r.getValue());
        }
        return out;
    }

    /** The platform's instruction goes first, as a block of its own, ahead of the client's system text. */
    private static void prependSystem(ObjectNode body, String prompt) {
        JsonNode system = body.get("system");
        ArrayNode blocks = body.arrayNode();
        blocks.addObject().put("type", "text").put("text", prompt);
        if (system != null && system.isTextual() && !system.asText().isEmpty()) {
            blocks.addObject().put("type", "text").put("text", system.asText());
        } else if (system != null && system.isArray()) {
            blocks.addAll((ArrayNode) system);
        }
        body.set("system", blocks);
    }

    /** Reasoning on: thinking with half the output budget (at least Anthropic's minimum); off: disabled. */
    private static void thinking(ObjectNode body, boolean on) {
        if (!on) {
            body.putObject("thinking").put("type", "disabled");
            return;
        }
        int maxTokens = body.path("max_tokens").asInt(0);
        if (maxTokens <= MIN_THINKING_BUDGET) {
            // no room for Anthropic's smallest thinking budget below max_tokens: leave the client's setting
            return;
        }
        int budget = Math.max(MIN_THINKING_BUDGET, Math.min(maxTokens / 2, maxTokens - 1));
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
    }
}
