package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.Tensor;
import dev.sovereign.engine.format.WeightSource;
import dev.sovereign.engine.kernel.WeightMatrix;
import java.util.Optional;
import java.util.function.Function;

/**
 * One mixture-of-experts layer's weights: the router ({@code experts x dim}) and each expert's SwiGLU matrices.
 * GGUF stacks the experts in 3-D tensors ({@code ffn_gate_exps} and friends); an expert is then a slice of the mapped
 * tensor, so loading copies nothing and a step reads only the experts it chose. Safetensors folders (and GGUF files
 * from before the stacked layout) hold one tensor per expert, {@code ffn_gate.<e>.weight}.
 */
public record ExpertWeights(WeightMatrix router, WeightMatrix[] gate, WeightMatrix[] up, WeightMatrix[] down) {

    static ExpertWeights load(WeightSource source, String layer, int dim, ExpertRouting routing,
            Function<Tensor, WeightMatrix> matrices) {
        int n = routing.count();
        int ff = routing.ffnDim();
        Tensor router = source.require(layer + "ffn_gate_inp.weight");
        if (router.rows() != n || router.columns() != dim) {
            throw new ModelFormatException(source.description() + ": tensor " + router.name() + " is "
                    + router.rows() + "x" + router.columns() + ", expected " + n + "x" + dim);
        }
        // the router stays as stored, never quantized on load: llama-quantize keeps ffn_gate_inp in F32 too, since a
        // rounded router logit can swap an expert
        return new ExpertWeights(WeightMatrix.of(router), experts(source, layer, "ffn_gate", n, ff, dim, matrices),
                experts(source, layer, "ffn_up", n, ff, dim, matrices),
                experts(source, layer, "ffn_down", n, dim, ff, matrices));
    }

    private static WeightMatrix[] experts(WeightSource source, String layer, String part, int n, int rows,
            int columns, Function<Tensor, WeightMatrix> matrices) {
        WeightMatrix[] out = new WeightMatrix[n];
        Optional<Tensor> stacked = source.find(layer + part + "_exps.weight");
        for (int e = 0; e < n; e++) {
            Tensor t = stacked.isPresent() ? slice(source, stacked.get(), e, n, rows, columns)
                    : source.require(layer + part + "." + e + ".weight");
            if (t.rows() != rows || t.columns() != columns) {
                throw new ModelFormatException(source.description() + ": tensor " + t.name() + " is " + t.rows()
                        + "x" + t.columns() + ", expected " + rows + "x" + columns);
            }
            out[e] = matrices.apply(t);
        }
        return out;
    }

    /** Expert {@code e} of a stacked {@code [experts, rows, columns]} tensor, as a view of its bytes. */
    private static Tensor slice(WeightSource source, Tensor stacked, int e, int n, int rows, int columns) {
        long[] shape = stacked.shape();
        if (shape.length != 3 || shape[0] != n || shape[1] != rows || shape[2] != columns) {
            throw new ModelFormatException(source.description() + ": tensor " + stacked.name() + " has shape "
                    + java.util.Arrays.toString(shape) + ", expected [" + n + ", " + rows + ", " + columns + "]");
        }
        long bytes = rows * stacked.type().bytesFor(columns);
        return new Tensor(stacked.name() + "[" + e + "]", stacked.type(), new long[] {rows, columns},
                stacked.data().asSlice(e * bytes, bytes));
    }

    /** Bytes one token reads from this layer when its router picks {@code used} experts. */
    long bytesPerToken(int used) {
        long expert = gate[0].data().byteSize() + up[0].data().byteSize() + down[0].data().byteSize();
        return router.data().byteSize() + used * expert;
    }
}
