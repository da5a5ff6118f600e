package dev.sovereign.router.encoder;

/** Features from the distilled static token embeddings: mean pooled, plus a length signal. */
public final class StaticPromptEncoder implements PromptEncoder {

    public static final String NAME = "static-minilm-l6-q";
    private final StaticEmbeddings embeddings;

    public StaticPromptEncoder(StaticEmbeddings embeddings) {
        this.embeddings = embeddings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public float[] features(IntList tokens) {
        return Features.withLength(embeddings.embed(tokens), tokens.size());
    }
}
