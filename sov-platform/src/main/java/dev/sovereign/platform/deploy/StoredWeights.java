package dev.sovereign.platform.deploy;

import dev.sovereign.platform.store.WeightStore;
import java.nio.file.Path;

/** The shared weight store as the reconcile loop sees it. */
public record StoredWeights(WeightStore store) implements WeightSource {

    @Override
    public Path ensure(String repository, String revision, Path baseDir) {
        return store.ensure(repository, revision, baseDir);
    }

    @Override
    public boolean present(String repository, String revision, Path baseDir) {
        try {
            return store.local(repository, revision, baseDir).isPresent();
        } catch (RuntimeException e) {
            // a repository that cannot even be located is not present; ensure() says why when it is tried
            return false;
        }
    }
}
