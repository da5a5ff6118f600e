package dev.sovereign.engine.testmodel;

import dev.sovereign.engine.format.DType;
import java.nio.file.Path;
import java.util.List;

/** The mixture-of-experts test models, written like {@link TestModels}' dense ones. */
public final class MoeTestModels {

    // The seeds are ones whose routing is clear: over the reference prompt, and over 64 greedy steps of the Q8_0 file
    // for Mixtral, the k-th and (k+1)-th router logits of every token stay 0.07 or more apart (0.2 over the prompt),
    // so the rounding differences between implementations cannot swap an expert.

    /** Mixtral's shape in small: eight experts, two per token, Mistral attention (GQA, no biases). */
    public static final MoeTestModelSpec MIXTRAL = mixtral("mixtral-tiny", DType.Q8_0, 17);
    /** Qwen3-MoE's: sixteen experts, four per token, top-k weights not renormalised ({@code norm_topk_prob} false). */
    public static final MoeTestModelSpec QWEN3_MOE = new MoeTestModelSpec(new TestModelSpec("qwen3-moe-tiny", "qwen3",
            64, 2, 4, 2, 32, 64, 1000000f, true, false, false, DType.Q8_0, 60), 16, 4, false);

    public static final List<MoeTestModelSpec> ALL = List.of(MIXTRAL, QWEN3_MOE);

    private MoeTestModels() {
    }

    /** A Mixtral-shaped model with the given matrix type and seed. */
    public static MoeTestModelSpec mixtral(String name, DType matrixType, long seed) {
        return new MoeTestModelSpec(new TestModelSpec(name, "mistral", 64, 2, 4, 2, 16, 64, 1000000f, false, false,
                false, matrixType, seed), 8, 2, true);
    }

    /** Writes {@code <dir>/<name>.gguf}. */
    public static Path writeGguf(MoeTestModelSpec spec, Path dir) {
        return TestModels.writeGguf(spec.dense(), spec, dir);
    }

    /** Writes {@code <dir>/<name>-<mix>.gguf}, the experts typed as llama-quantize types the dense FFN in {@code mix}. */
    public static Path writeGguf(MoeTestModelSpec spec, QuantMix mix, Path dir) {
        return TestModels.writeGguf(spec.dense(), mix, spec, dir);
    }

    /** Writes the Hugging Face folder {@code <dir>/<name>-hf}. */
    public static Path writeHf(MoeTestModelSpec spec, Path dir, DType dtype) {
        return TestModels.writeHf(spec.dense(), dir, dtype, spec);
    }
}
