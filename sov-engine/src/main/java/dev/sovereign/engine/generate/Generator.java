package dev.sovereign.engine.generate;

import dev.sovereign.engine.model.KvCache;
import dev.sovereign.engine.model.Transformer;
import java.util.Arrays;
import java.util.Set;

/**
 * The single-stream generation loop: prefill the prompt in one batched pass, then decode one token per step until
 * an end-of-generation token, the token limit or the context limit.
 */
public final class Generator {

    /** Receives each generated token with the logits it was chosen from. */
    @FunctionalInterface
    public interface TokenListener {
        void onToken(int token, float[] logits);
    }

    private final Transformer transformer;
    private final Set<Integer> stopTokens;

    public Generator(Transformer transformer, Set<Integer> stopTokens) {
        this.transformer = transformer;
        this.stopTokens = stopTokens;
    }

    /** Generates after {@code prompt}; returns the generated ids (a stop token, if hit, is not included). */
    public int[] generate(int[] prompt, SamplingParams params, TokenListener listener) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens");
        }
        int contextLimit = transformer.config().contextLength();
        if (prompt.length >= contextLimit) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens; the context holds "
                    + contextLimit);
        }
        int capacity = Math.min(contextLimit, prompt.length + params.maxTokens());
        KvCache cache = transformer.newCache(capacity);
        Sampler sampler = new Sampler(params.temperature(), params.seed());
        int[] out = new int[params.maxTokens()];
        int produced = 0;
        float[] logits = transformer.forward(prompt, 0, prompt.length, 0, cache);
        int position = prompt.length;
        while (produced < params.maxTokens()) {
            int token = sampler.next(logits);
            if (!params.ignoreEos() && stopTokens.contains(token)) {
                break;
            }
            out[produced++] = token;
            listener.onToken(token, logits);
            if (produced == params.maxTokens() || position >= capacity) {
                break;
            }
            logits = transformer.forward(new int[] {token}, 0, 1, position++, cache);
        }
        return Arrays.copyOf(out, produced);
    }
}
