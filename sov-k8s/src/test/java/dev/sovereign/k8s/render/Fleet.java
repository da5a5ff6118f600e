package dev.sovereign.k8s.render;

import dev.sovereign.k8s.cluster.ClusterProfile;
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

    /** The reference platform's cluster, as examples/cluster/reference.yaml declares it. */
    public static ClusterProfile referenceCluster() {
        return ClusterProfile.load(Golden.root().resolve("examples/cluster/reference.yaml"));
    }

    /** Render options of the reference platform: its cluster profile, the other options at their defaults. */
    public static RenderOptions reference() {
        return RenderOptions.defaults().withCluster(referenceCluster());
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
