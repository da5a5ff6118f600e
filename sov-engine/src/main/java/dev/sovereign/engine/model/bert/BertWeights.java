package dev.sovereign.engine.model.bert;

import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.TensorValues;
import dev.sovereign.engine.format.WeightSource;
import dev.sovereign.engine.kernel.WeightMatrix;

/** An encoder's tensors under their GGUF names: matrices stay in their stored encoding, vectors become floats. */
record BertWeights(WeightMatrix tokens, WeightMatrix positions, WeightMatrix types, float[] embedNormWeight,
                   float[] embedNormBias, Layer[] layers) {

    record Layer(WeightMatrix q, float[] qBias, WeightMatrix k, float[] kBias, WeightMatrix v, float[] vBias,
                 WeightMatrix out, float[] outBias, float[] attnNormWeight, float[] attnNormBias,
                 WeightMatrix up, float[] upBias, WeightMatrix down, float[] downBias, float[] ffnNormWeight,
                 float[] ffnNormBias) {
    }

    static BertWeights load(BertConfig config, WeightSource source) {
        Layer[] layers = new Layer[config.layers()];
        for (int l = 0; l < layers.length; l++) {
            String p = "blk." + l + ".";
            layers[l] = new Layer(
                    matrix(source, p + "attn_q.weight", config.hidden(), config.hidden()),
                    vector(source, p + "attn_q.bias", config.hidden()),
                    matrix(source, p + "attn_k.weight", config.hidden(), config.hidden()),
                    vector(source, p + "attn_k.bias", config.hidden()),
                    matrix(source, p + "attn_v.weight", config.hidden(), config.hidden()),
                    vector(source, p + "attn_v.bias", config.hidden()),
                    matrix(source, p + "attn_output.weight", config.hidden(), config.hidden()),
                    vector(source, p + "attn_output.bias", config.hidden()),
                    vector(source, p + "attn_output_norm.weight", config.hidden()),
                    vector(source, p + "attn_output_norm.bias", config.hidden()),
                    matrix(source, p + "ffn_up.weight", config.ffn(), config.hidden()),
                    vector(source, p + "ffn_up.bias", config.ffn()),
                    matrix(source, p + "ffn_down.weight", config.hidden(), config.ffn()),
                    vector(source, p + "ffn_down.bias", config.hidden()),
                    vector(source, p + "layer_output_norm.weight", config.hidden()),
                    vector(source, p + "layer_output_norm.bias", config.hidden()));
        }
        return new BertWeights(
                matrix(source, "token_embd.weight", config.vocabSize(), config.hidden()),
                matrix(source, "position_embd.weight", config.positions(), config.hidden()),
                matrix(source, "token_types.weight", config.typeVocab(), config.hidden()),
                vector(source, "token_embd_norm.weight", config.hidden()),
                vector(source, "token_embd_norm.bias", config.hidden()),
                layers);
    }

    private static WeightMatrix matrix(WeightSource source, String name, int rows, int columns) {
        WeightMatrix m = WeightMatrix.of(source.require(name));
        if (m.rows() != rows || m.columns() != columns) {
            throw new ModelFormatException(source.description() + ": " + name + " is " + m.rows() + "x" + m.columns()
                    + ", the configuration says " + rows + "x" + columns);
        }
        return m;
    }

    private static float[] vector(WeightSource source, String name, int n) {
        float[] v = TensorValues.toFloats(source.require(name));
        if (v.length != n) {
            throw new ModelFormatException(source.description() + ": " + name + " has " + v.length
                    + " values, the configuration says " + n);
        }
        return v;
    }
}
