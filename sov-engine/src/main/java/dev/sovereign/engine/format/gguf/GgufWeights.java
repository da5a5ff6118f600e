package dev.sovereign.engine.format.gguf;

import dev.sovereign.engine.format.Tensor;
import dev.sovereign.engine.format.WeightSource;
import java.util.Optional;

/** A GGUF file's tensors as a {@link WeightSource}; GGUF names are already the engine's names. */
public record GgufWeights(GgufFile file) implements WeightSource {

    @Override
    public Optional<Tensor> find(String name) {
        return Optional.ofNullable(file.tensors().get(name));
    }

    @Override
    public String description() {
        return "GGUF file " + file.path().getFileName();
    }
}
