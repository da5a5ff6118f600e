package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The two logprobs shapes: chat's {@code content} list and the legacy completions arrays. */
final class Logprobs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Logprobs() {
    }

    static ObjectNode chat(Tokenizer tokenizer, List<SampledToken> tokens) {
        ArrayNode content = NODES.arrayNode();
        for (SampledToken t : tokens) {
            ObjectNode entry = entry(tokenizer, t.token(), t.logprob());
            ArrayNode top = entry.putArray("top_logprobs");
            for (SampledToken.Alternative a : t.top()) {
                top.add(entry(tokenizer, a.token(), a.logprob()));
            }
            content.add(entry);
        }
        ObjectNode out = NODES.objectNode();
        out.set("content", content);
        return out;
    }

    static ObjectNode completion(Tokenizer tokenizer, List<SampledToken> tokens) {
        ObjectNode out = NODES.objectNode();
        ArrayNode texts = out.putArray("tokens");
        ArrayNode logprobs = out.putArray("token_logprobs");
        ArrayNode tops = out.putArray("top_logprobs");
        ArrayNode offsets = out.putArray("text_offset");
        int offset = 0;
        for (SampledToken t : tokens) {
            String text = text(tokenizer, t.token());
            texts.add(text);
            logprobs.add(t.logprob());
            ObjectNode top = tops.addObject();
            for (SampledToken.Alternative a : t.top()) {
                top.put(text(tokenizer, a.token()), a.logprob());
            }
            offsets.add(offset);
            offset += text.length();
        }
        return out;
    }

    private static ObjectNode entry(Tokenizer tokenizer, int token, float logprob) {
        String text = text(tokenizer, token);
        ObjectNode entry = NODES.objectNode();
        entry.put("token", text);
        entry.put("logprob", logprob);
        ArrayNode bytes = entry.putArray("bytes");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return entry;
    }

    private static String text(Tokenizer tokenizer, int token) {
        return tokenizer.decode(new int[] {token});
    }
}
