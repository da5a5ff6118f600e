package dev.sovereign.engine.testmodel;

import dev.sovereign.engine.format.DType;

/**
 * The shape of a tiny random-weight model of a real architecture.
 *
 * @param architecture HF model_type: llama, mistral, qwen2 or qwen3
 * @param sentencePiece true for the project's Llama-2-style SentencePiece vocabulary, false for its byte-level BPE
 *     vocabulary (both trained on the committed corpus, so no test model needs the shared data)
 * @param matrixType how the GGUF stores 2-D weights
 */
public record TestModelSpec(
        String name,
        String architecture,
        int dim,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int ffnDim,
        float ropeTheta,
        boolean tiedEmbeddings,
        boolean llama3RopeScaling,
        boolean sentencePiece,
        DType matrixType,
        long seed) {

    public boolean qkvBias() {
        return architecture.equals("qwen2");
    }

    public boolean qkNorm() {
        return architecture.equals("qwen3");
    }

    /** What llama.cpp calls the architecture in GGUF (its converter writes Mistral as llama). */
    public String ggufArchitecture() {
        return architecture.equals("mistral") ? "llama" : architecture;
    }

    public TestModelSpec withMatrixType(DType type) {
        return new TestModelSpec(name + "-" + type.name().toLowerCase(java.util.Locale.ROOT), architecture, dim,
                layers, heads, kvHeads, headDim, ffnDim, ropeTheta, tiedEmbeddings, llama3RopeScaling, sentencePiece,
                type, seed);
    }
}
