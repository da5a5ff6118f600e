package dev.sovereign.router.encoder;

/** Features from a full transformer pass over the first {@link OnnxEncoder#WINDOW} tokens. */
public final class TransformerPromptEncoder implements PromptEncoder {

    public static final String NAME = "minilm-l6-q";
    private final OnnxEncoder encoder;

    public TransformerPromptEncoder(OnnxEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public float[] features(IntList tokens) {
        return Features.withLength(encoder.embed(tokens), tokens.size());
    }
}
