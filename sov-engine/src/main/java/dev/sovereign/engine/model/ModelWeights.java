package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.Tensor;
import dev.sovereign.engine.format.TensorValues;
import dev.sovereign.engine.format.WeightSource;
import dev.sovereign.engine.kernel.WeightMatrix;
import java.util.function.Function;

/** All weights of a decoder, gathered by GGUF tensor name; the output head falls back to the tied embedding. */
public record ModelWeights(WeightMatrix embedding, LayerWeights[] layers, float[] outputNorm, WeightMatrix output) {

    /**
     * @param matrices turns a stored matrix into what the kernels read (identity, or on-load quantization)
     */
    public static ModelWeights load(ModelConfig config, WeightSource source, Function<Tensor, WeightMatrix> matrices) {
        WeightMatrix embedding = matrices.apply(source.require("token_embd.weight"));
        float offset = config.variant().normWeightOffset();
        LayerWeights[] layers = new LayerWeights[config.layers()];
        boolean moe = config.experts() != null;
        for (int i = 0; i < layers.length; i++) {
            String p = "blk." + i + ".";
            WeightMatrix[] qkv = source.find(p + "attn_qkv.weight").isPresent()
                    ? rowsOf(matrix(source, matrices, p + "attn_qkv.weight", config.qDim() + 2 * config.kvDim(),
                            config.dim()), config.qDim(), config.kvDim(), config.kvDim())
                    : new WeightMatrix[] {
                        matrix(source, matrices, p + "attn_q.weight", config.qDim(), config.dim()),
                        matrix(source, matrices, p + "attn_k.weight", config.kvDim(), config.dim()),
                        matrix(source, matrices, p + "attn_v.weight", config.kvDim(), config.dim())};
            WeightMatrix[] gateUp = moe ? new WeightMatrix[2] : source.find(p + "ffn_gate.weight").isPresent()
                    ? new WeightMatrix[] {
                        matrix(source, matrices, p + "ffn_gate.weight", config.ffnDim(), config.dim()),
                        matrix(source, matrices, p + "ffn_up.weight", config.ffnDim(), config.dim())}
                    : rowsOf(matrix(source, matrices, p + "ffn_up.weight", 2 * config.ffnDim(), config.dim()),
                            config.ffnDim(), config.ffnDim());
            layers[i] = new LayerWeights(
                    norm(source, p + "attn_norm.weight", config.dim(), offset),
                    qkv[0], qkv[1], qkv[2],
                    matrix(source, matrices, p + "attn_output.weight", config.dim(), config.qDim()),
                    config.qkvBias() ? vector(source, p + "attn_q.bias", config.qDim()) : null,
                    config.qkvBias() ? vector(source, p + "attn_k.bias", config.kvDim()) : null,
                    config.qkvBias() ? vector(source, p + "attn_v.bias", config.kvDim()) : null,
                    config.qkNorm() ? norm(source, p + "attn_q_norm.weight", config.headDim(), offset) : null,
                    config.qkNorm() ? norm(source, p + "attn_k_norm.weight", config.headDim(), offset) : null,
                    norm(source, p + "ffn_norm.weight", config.dim(), offset),
                    gateUp[0], gateUp[1],
                    moe ? null : matrix(source, matrices, p + "ffn_down.weight", config.dim(), config.ffnDim()),
                    optionalNorm(source, p + "post_attention_norm.weight", config.dim(), offset),
                    optionalNorm(source, p + "post_ffw_norm.weight", config.dim(), offset),
                    moe ? ExpertWeights.load(source, p, config.dim(), config.experts(), matrices) : null);
        }
        WeightMatrix output = source.find("output.weight").map(matrices).orElse(embedding);
        return new ModelWeights(embedding, layers, norm(source, "output_norm.weight", config.dim(), offset), output);
    }

    /**
     * A fused matrix (Phi-3's q/k/v and gate/up) as consecutive row ranges of {@code counts} rows each: views of its
     * storage, so the kernels run each part as a matrix of its own and nothing is copied.
     */
    static WeightMatrix[] rowsOf(WeightMatrix fused, int... counts) {
        WeightMatrix[] parts = new WeightMatrix[counts.length];
        int from = 0;
        for (int i = 0; i < counts.length; i++) {
            parts[i] = new WeightMatrix(fused.name() + "[" + from + ".." + (from + counts[i]) + ")", fused.type(),
                    counts[i], fused.columns(), fused.data().asSlice(from * fused.rowBytes(),
                            counts[i] * fused.rowBytes()));
            from += counts[i];
        }
        return parts;
    }

    private static float[] norm(WeightSource source, String name, int length, float offset) {
        float[] values = vector(source, name, length);
        for (int i = 0; i < values.length; i++) {
            values[i] += offset;
        }
        return values;
    }

    private static float[] optionalNorm(WeightSource source, String name, int length, float offset) {
        return source.find(name).isPresent() ? norm(source, name, length, offset) : null;
    }

    private static WeightMatrix matrix(WeightSource source, Function<Tensor, WeightMatrix> matrices, String name,
            int rows, int columns) {
        Tensor t = source.require(name);
        if (t.rows() != rows || t.columns() != columns) {
            throw new ModelFormatException(source.description() + ": tensor " + name + " is " + t.rows() + "x"
                    + t.columns() + ", expected " + rows + "x" + columns);
        }
        return matrices.apply(t);
    }

    private static float[] vector(WeightSource source, String name, int length) {
        float[] values = TensorValues.toFloats(source.require(name));
        if (values.length != length) {
            throw new ModelFormatException(source.description() + ": tensor " + name + " has " + values.length
                    + " values, expected " + length);
        }
        return values;
    }
}
