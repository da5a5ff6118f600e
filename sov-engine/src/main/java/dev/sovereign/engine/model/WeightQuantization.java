package dev.sovereign.engine.model;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.Tensor;
import dev.sovereign.engine.kernel.Quantizer;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.kernel.WeightMatrix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the engine does to a model's matrices as they load. {@code fp8} (vLLM's name, the one an InferenceService and
 * {@code --quantization} use) means 8-bit weights on a CPU: there is no FP8 arithmetic here, so F32, F16 and BF16
 * matrices become Q8_0 (int8 with one F16 scale per 32 weights, about FP8's size and precision) and run on the
 * engine's existing 8-bit kernels. Matrices already quantized in a GGUF file are used as stored.
 */
public enum WeightQuantization {

    /** Every matrix as the file stores it. */
    AS_STORED,
    /** Float matrices quantized to Q8_0 while loading. */
    Q8_0;

    /**
     * The quantization a spec or flag value asks for: {@code fp16} or none for {@link #AS_STORED} (the weights are
     * not converted; a file's F16, BF16 or F32 stays so), {@code fp8} for {@link #Q8_0}; anything else is a GPU
     * scheme (AWQ, GPTQ, bitsandbytes) the embedded engine does not run.
     *
     * @param where what the value came from, named in the error ({@code --quantization}, {@code spec.model.quantization})
     */
    public static WeightQuantization of(String value, String where) {
        if (value == null || value.isEmpty()) {
            return AS_STORED;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "fp16" -> AS_STORED;
            case "fp8" -> Q8_0;
            default -> throw new IllegalArgumentException(where + ": '" + value + "' is not supported by the embedded "
                    + "engine (fp16: the weights as stored; fp8: 8-bit Q8_0 weights on CPU); " + value
                    + " needs a GPU engine such as vLLM (spec.engine.kind: vllm)");
        };
    }

    /** Turns a stored matrix into what the kernels read. */
    Function<Tensor, WeightMatrix> matrices() {
        return this == Q8_0 ? WeightQuantization::toQ8_0 : WeightMatrix::of;
    }

    private static WeightMatrix toQ8_0(Tensor t) {
        WeightMatrix original = WeightMatrix.of(t);
        boolean floats = t.type() == DType.F32 || t.type() == DType.F16 || t.type() == DType.BF16;
        // Q8_0 blocks are 32 weights of one row
        if (!floats || t.columns() % 32 != 0) {
            return original;
        }
        float[] row = new float[t.columns()];
        long rowBytes = DType.Q8_0.bytesFor(t.columns());
        MemorySegment out = Arena.ofAuto().allocate(rowBytes * t.rows(), 64);
        try (var decode = new VectorKernels(1)) {
            for (int r = 0; r < t.rows(); r++) {
                decode.embedding(original, r, row, 0);
                Quantizer.toQ8_0(row, 0, row.length, out, r * rowBytes);
            }
        }
        return new WeightMatrix(t.name(), DType.Q8_0, t.rows(), t.columns(), out);
    }
}
