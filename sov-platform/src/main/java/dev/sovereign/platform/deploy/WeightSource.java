package dev.sovereign.platform.deploy;

import java.nio.file.Path;

/** Where a model's weights are on this machine, fetching them first if they are not there yet. */
public interface WeightSource {

    /**
     * @param repository {@code org/name} on a hub, or {@code file:PATH}
     * @param baseDir    folder that relative {@code file:} paths start from (the declaring file's folder)
     * @throws RuntimeException with a message fit for a user when the weights cannot be had
     */
    Path ensure(String repository, String revision, Path baseDir);

    /** Whether the weights are complete on this machine now, without any request (false when they cannot be located). */
    boolean present(String repository, String revision, Path baseDir);
}
