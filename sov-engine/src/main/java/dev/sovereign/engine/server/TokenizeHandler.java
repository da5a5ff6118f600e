package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ChatMessage;
import dev.sovereign.engine.runner.ServingEngine;
import java.util.ArrayList;
import java.util.List;

/** vLLM's {@code POST /tokenize} (a prompt or chat messages) and {@code POST /detokenize}. */
final class TokenizeHandler {

    private final ServingEngine engine;

    TokenizeHandler(ServingEngine engine) {
        this.engine = engine;
    }

    Object tokenize(ObjectNode body) {
        ModelName.check(body.path("model").isTextual() ? body.get("model").asText() : null, engine);
        int[] tokens;
        if (body.hasNonNull("messages")) {
            JsonNode messages = body.get("messages");
            if (!messages.isArray()) {
                throw ApiErrors.invalidField("messages", "expected an array");
            }
            List<ChatMessage> list = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                try {
                    list.add(RequestReader.bind(messages.get(i), ChatMessage.class));
                } catch (dev.sovereign.api.error.ApiException e) {
                    throw ApiErrors.invalidField("messages[" + i + "]", e.getMessage());
                }
            }
            String text = ChatPrompt.render(engine.model().chatTemplate(), list, null, null).text();
            tokens = engine.tokenizer().encode(text, false, true);
        } else {
            JsonNode prompt = body.get("prompt");
            if (prompt == null || prompt.isNull()) {
                throw ApiErrors.missingField("prompt");
            }
            if (!prompt.isTextual()) {
                throw ApiErrors.invalidField("prompt", "expected a string");
            }
            boolean special = !body.has("add_special_tokens") || body.get("add_special_tokens").asBoolean();
            tokens = engine.tokenizer().encode(prompt.asText(), special, true);
        }
        ObjectNode out = WireJson.mapper().createObjectNode();
        out.put("count", tokens.length);
        out.put("max_model_len", engine.maxModelLen());
        var array = out.putArray("tokens");
        for (int t : tokens) {
            array.add(t);
        }
        return out;
    }

    Object detokenize(ObjectNode body) {
        ModelName.check(body.path("model").isTextual() ? body.get("model").asText() : null, engine);
        JsonNode tokens = body.get("tokens");
        if (tokens == null || tokens.isNull()) {
            throw ApiErrors.missingField("tokens");
        }
        if (!tokens.isArray()) {
            throw ApiErrors.invalidField("tokens", "expected an array of token ids");
        }
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = tokens.get(i);
            if (!id.isIntegralNumber() || id.asInt() < 0 || id.asInt() >= engine.tokenizer().vocabularySize()) {
                throw ApiErrors.invalidField("tokens[" + i + "]", "expected a token id below " + engine.tokenizer().vocabularySize());
            }
            ids[i] = id.asInt();
        }
        ObjectNode out = WireJson.mapper().createObjectNode();
        out.put("prompt", engine.tokenizer().decode(ids));
        return out;
    }
}
