package dev.sovereign.engine.testmodel;

import dev.sovereign.engine.format.DType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tensor types llama-quantize chooses for a file type without an importance matrix: a base type, Q6_K for the
 * output matrix (or the tied token embedding), Q6_K for attn_v and ffn_down on the layers its {@code use_more_bits}
 * picks in the _M mixes, and a 32-weight fallback for every matrix whose rows are not a multiple of 256 (Q4_K to
 * Q5_0, Q5_K to Q5_1, Q6_K to Q8_0).
 *
 * @param fileType llama.cpp's {@code general.file_type} for the mix
 */
public record QuantMix(String name, int fileType, DType base, boolean moreBitsOnSomeLayers) {

    public static final QuantMix Q4_K_M = new QuantMix("q4_k_m", 15, DType.Q4_K, true);
    public static final QuantMix Q5_K_M = new QuantMix("q5_k_m", 17, DType.Q5_K, true);
    public static final QuantMix Q6_K = new QuantMix("q6_k", 18, DType.Q6_K, false);
    public static final QuantMix Q4_1 = new QuantMix("q4_1", 3, DType.Q4_1, false);
    public static final QuantMix Q5_0 = new QuantMix("q5_0", 8, DType.Q5_0, false);
    public static final QuantMix Q5_1 = new QuantMix("q5_1", 9, DType.Q5_1, false);

    private static final Pattern LAYER = Pattern.compile("blk\\.(\\d+)\\.");

    /** The type of the 2-D tensor {@code ggufName} with rows of {@code columns} in a model of {@code layers}. */
    public DType typeOf(String ggufName, int columns, int layers, boolean tiedEmbeddings) {
        DType type = base;
        if (ggufName.equals("output.weight") || (tiedEmbeddings && ggufName.equals("token_embd.weight"))) {
            type = DType.Q6_K;
        } else if (moreBitsOnSomeLayers && (ggufName.endsWith("attn_v.weight") || ggufName.endsWith("ffn_down.weight"))
                && moreBits(layer(ggufName), layers)) {
            type = DType.Q6_K;
        }
        return columns % type.blockSize() == 0 ? type : fallback(type);
    }

    /** llama.cpp's use_more_bits: the first and last eighth of the layers, and every third one between. */
    static boolean moreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }

    private static DType fallback(DType type) {
        return switch (type) {
            case Q4_K -> DType.Q5_0;
            case Q5_K -> DType.Q5_1;
            case Q6_K -> DType.Q8_0;
            default -> throw new IllegalArgumentException("no fallback for " + type);
        };
    }

    private static int layer(String ggufName) {
        Matcher m = LAYER.matcher(ggufName);
        if (!m.find()) {
            throw new IllegalArgumentException("not a layer tensor: " + ggufName);
        }
        return Integer.parseInt(m.group(1));
    }
}
