package dev.sovereign.engine.model;

import dev.sovereign.engine.format.WeightSource;
import java.util.Map;
import java.util.Set;

/** One model family: how its hyperparameters are read from GGUF metadata and from an HF config.json. */
public interface Architecture {

    String name();

    /** Values of {@code general.architecture} this family reads. */
    Set<String> ggufNames();

    /** Values of {@code model_type} in config.json this family reads. */
    Set<String> hfModelTypes();

    ModelConfig fromGguf(String ggufName, Map<String, Object> metadata, WeightSource weights);

    ModelConfig fromHf(Map<String, Object> config, WeightSource weights);
}
