package dev.sovereign.engine.model.bert;

import java.util.List;

/**
 * The shape of a BERT-family encoder and how its sentence vectors are made.
 *
 * @param maxTokens    the longest input, [CLS] and [SEP] included (sentence-transformers' max_seq_length, else the
 *                     position table)
 * @param exactGelu    GELU through erf (HF "gelu"); false: the tanh approximation ("gelu_new", "gelu_pytorch_tanh")
 * @param normalize    sentence vectors are L2-normalised (a Normalize module follows the pooling)
 * @param matryoshka   output sizes the model was trained to be cut to (Matryoshka representation learning); empty
 *                     when only the full size is meaningful
 */
public record BertConfig(int vocabSize, int hidden, int layers, int heads, int ffn, int positions, int typeVocab,
                         float eps, boolean exactGelu, Pooling pooling, boolean normalize, int maxTokens,
                         List<Integer> matryoshka) {

    public BertConfig {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of the head count " + heads);
        }
        matryoshka = List.copyOf(matryoshka);
    }

    public int headDim() {
        return hidden / heads;
    }
}
