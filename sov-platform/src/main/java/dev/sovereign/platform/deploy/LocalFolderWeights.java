package dev.sovereign.platform.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Weights that are already on this machine: {@code file:} repositories only. */
public final class LocalFolderWeights implements WeightSource {

    @Override
    public Path ensure(String repository, String revision, Path baseDir) {
        if (!repository.startsWith("file:")) {
            throw new IllegalArgumentException("spec.model.repository: '" + repository + "' is not in the local store; "
                    + "run 'sov pull " + repository + "@" + revision + "' first");
        }
        Path folder = baseDir.resolve(repository.substring("file:".length())).normalize();
        if (!Files.exists(folder)) {
            throw new IllegalArgumentException("spec.model.repository: " + folder + " does not exist");
        }
        return folder;
    }
}
