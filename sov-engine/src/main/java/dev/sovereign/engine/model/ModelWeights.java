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
        LayerWeights[] layers = new LayerWeights[config.layers()];
        boolean moe = config.experts() != null;
        for (int i = 0; i < layers.length; i++) {
            String p = "blk." + i + ".";
            layers[i] = new LayerWeights(
                    vector(source, p + "attn_norm.weight", config.dim()),
                    matrix(source, matrices, p + "attn_q.weight", config.qDim(), config.dim()),
                    matrix(source, matrices, p + "attn_k.weight", config.kvDim(), config.dim()),
                    matrix(source, matrices, p + "attn_v.weight", config.kvDim(), config.dim()),
                    matrix(source, matrices, p + "attn_output.weight", config.dim(), config.qDim()),
                    config.qkvBias() ? vector(source, p + "attn_q.bias", config.qDim()) : null,
                    config.qkvBias() ? vector(source, p + "attn_k.bias", config.kvDim()) : null,
                    config.qkvBias() ? vector(source, p + "attn_v.bias", config.kvDim()) : null,
                    config.qkNorm() ? vector(source, p + "attn_q_norm.weight", config.headDim()) : null,
                    config.qkNorm() ? vector(source, p + "attn_k_norm.weight", config.headDim()) : null,
                    vector(source, p + "ffn_norm.weight", config.dim()),
                    moe ? null : matrix(source, matrices, p + "ffn_gate.weight", config.ffnDim(), config.dim()),
                    moe ? null : matrix(source, matrices, p + "ffn_up.weight", config.ffnDim(), config.dim()),
                    moe ? null : matrix(source, matrices, p + "ffn_down.weight", config.dim(), config.ffnDim()),
                    moe ? ExpertWeights.load(source, p, config.dim(), config.experts(), matrices) : null);
        }
        WeightMatrix output = source.find("output.weight").map(matrices).orElse(embedding);
        return new ModelWeights(embedding, layers, vector(source, "output_norm.weight", config.dim()), output);
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
