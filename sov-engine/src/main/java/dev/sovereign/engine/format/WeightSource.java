package dev.sovereign.engine.format;

import java.util.Optional;

/** The tensors of a model, looked up by their GGUF names ({@code blk.0.attn_q.weight}), whatever the file format. */
public interface WeightSource {

    Optional<Tensor> find(String name);

    /** Where the weights come from, for error messages. */
    String description();

    default Tensor require(String name) {
        return find(name).orElseThrow(() -> new ModelFormatException(description() + " has no tensor " + name));
    }
}
