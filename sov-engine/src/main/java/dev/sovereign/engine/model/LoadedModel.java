package dev.sovereign.engine.model;

import dev.sovereign.engine.kernel.Kernels;
import dev.sovereign.engine.template.ChatTemplate;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.util.function.Supplier;

/**
 * A model ready to run: its configuration and weights, plus how to build its tokenizer and chat template (built on
 * first use, so a model without one still loads and the error comes when it is needed).
 */
public final class LoadedModel {

    private final String source;
    private final ModelConfig config;
    private final ModelWeights weights;
    private final Supplier<Tokenizer> tokenizerFactory;
    private final Supplier<ChatTemplate> templateFactory;
    private Tokenizer tokenizer;

    LoadedModel(String source, ModelConfig config, ModelWeights weights, Supplier<Tokenizer> tokenizer,
            Supplier<ChatTemplate> template) {
        this.source = source;
        this.config = config;
        this.weights = weights;
        this.tokenizerFactory = tokenizer;
        this.templateFactory = template;
    }

    public String source() {
        return source;
    }

    public ModelConfig config() {
        return config;
    }

    public ModelWeights weights() {
        return weights;
    }

    public Transformer transformer(Kernels kernels) {
        return new Transformer(config, weights, kernels);
    }

    public synchronized Tokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = tokenizerFactory.get();
        }
        return tokenizer;
    }

    public ChatTemplate chatTemplate() {
        return templateFactory.get();
    }

    /**
     * Bytes of weights a single decode step reads (every matrix once, plus one embedding row; of a mixture of
     * experts, the router and the experts one token uses).
     */
    public long weightBytesPerToken() {
        long bytes = weights.output().data().byteSize() + weights.embedding().rowBytes();
        for (LayerWeights l : weights.layers()) {
            bytes += l.wq().data().byteSize() + l.wk().data().byteSize() + l.wv().data().byteSize()
                    + l.wo().data().byteSize();
            bytes += l.experts() != null ? l.experts().bytesPerToken(config.experts().used())
                    : l.gate().data().byteSize() + l.up().data().byteSize() + l.down().data().byteSize();
        }
        return bytes;
    }
}
