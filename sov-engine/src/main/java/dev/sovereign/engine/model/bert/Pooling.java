package dev.sovereign.engine.model.bert;

/** How token states become one sentence vector, as the model's sentence-transformers Pooling module says. */
public enum Pooling {
    /** The average of every token's state ([CLS] and [SEP] included), as sentence-transformers' mean pooling. */
    MEAN,
    /** The state of the first token, [CLS] (BGE). */
    CLS
}
