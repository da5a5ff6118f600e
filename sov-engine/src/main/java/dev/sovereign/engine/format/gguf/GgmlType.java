package dev.sovereign.engine.format.gguf;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.ModelFormatException;

/** ggml's numeric tensor type ids, mapped to the types this engine computes with. */
final class GgmlType {

    static final int F32 = 0;
    static final int F16 = 1;
    static final int Q4_0 = 2;
    static final int Q4_1 = 3;
    static final int Q5_0 = 6;
    static final int Q5_1 = 7;
    static final int Q8_0 = 8;
    static final int Q4_K = 12;
    static final int Q5_K = 13;
    static final int Q6_K = 14;
    static final int BF16 = 30;

    private static final String[] NAMES = {"F32", "F16", "Q4_0", "Q4_1", "Q4_2", "Q4_3", "Q5_0", "Q5_1", "Q8_0",
        "Q8_1", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K", "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL",
        "IQ3_S", "IQ2_S", "IQ4_XS", "I8", "I16", "I32", "I64", "F64", "IQ1_M", "BF16"};

    private static final String SUPPORTED = java.util.Arrays.stream(DType.values()).map(DType::name)
            .collect(java.util.stream.Collectors.joining(", "));

    private GgmlType() {
    }

    static DType of(int id, String tensor) {
        return switch (id) {
            case F32 -> DType.F32;
            case F16 -> DType.F16;
            case BF16 -> DType.BF16;
            case Q8_0 -> DType.Q8_0;
            case Q4_0 -> DType.Q4_0;
            case Q4_1 -> DType.Q4_1;
            case Q5_0 -> DType.Q5_0;
            case Q5_1 -> DType.Q5_1;
            case Q4_K -> DType.Q4_K;
            case Q5_K -> DType.Q5_K;
            case Q6_K -> DType.Q6_K;
            default -> throw new ModelFormatException("unsupported tensor type "
                    + (id >= 0 && id < NAMES.length ? NAMES[id] : "#" + id) + " for tensor " + tensor
                    + " (supported: " + SUPPORTED + ")");
        };
    }

    static int idOf(DType type) {
        return switch (type) {
            case F32 -> F32;
            case F16 -> F16;
            case BF16 -> BF16;
            case Q8_0 -> Q8_0;
            case Q4_0 -> Q4_0;
            case Q4_1 -> Q4_1;
            case Q5_0 -> Q5_0;
            case Q5_1 -> Q5_1;
            case Q4_K -> Q4_K;
            case Q5_K -> Q5_K;
            case Q6_K -> Q6_K;
        };
    }
}
