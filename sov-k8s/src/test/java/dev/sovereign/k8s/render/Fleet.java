package dev.sovereign.k8s.render;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.yaml.YamlFiles;
import java.nio.file.Path;
import java.util.List;

/** The reference fleet under examples/models/, and one-off services written in a test. */
public final class Fleet {

    private Fleet() {
    }

    public static Path folder() {
        return Golden.root().resolve("examples/models");
    }

    public static InferenceService example(String name) {
        return only(InferenceServiceFiles.load(folder().resolve(name + ".yaml")));
    }

    public static InferenceService parse(String yaml) {
        return only(List.of(InferenceServiceFiles.check(YamlFiles.parse("test.yaml", yaml).documents().getFirst())));
    }

    private static InferenceService only(List<Loaded<InferenceService>> loaded) {
        if (loaded.size() != 1 || !loaded.getFirst().valid()) {
            throw new IllegalArgumentException("expected one valid InferenceService: " + loaded);
        }
        return loaded.getFirst().value();
    }
}
