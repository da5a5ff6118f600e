package dev.sovereign.platform.store;

import dev.sovereign.spec.inference.FileRepositoryPath;
import java.nio.file.Path;

/**
 * A {@code file:PATH} repository: a model folder (or a single .gguf file) already on this
 * machine, used where it is (never copied). What the path means is {@link FileRepositoryPath}'s;
 * this class turns its answers into the store's errors.
 */
public final class FileRepository {

    public static final String PREFIX = FileRepositoryPath.PREFIX;

    private FileRepository() {
    }

    public static boolean isFile(String repository) {
        return FileRepositoryPath.isFile(repository);
    }

    /** The folder, checked to exist and to hold a config.json or a .gguf file (or a .gguf file itself). */
    public static Path resolve(String repository, Path baseDir) {
        Path folder = locate(repository, baseDir);
        FileRepositoryPath.unusable(repository, folder).ifPresent(problem -> {
            throw new StoreException(problem);
        });
        return folder;
    }

    static Path locate(String repository, Path baseDir) {
        try {
            return FileRepositoryPath.locate(repository, baseDir);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage());
        }
    }

    /** A folder holding a model, or a single .gguf file (the engines take either). */
    static boolean usable(Path path) {
        return FileRepositoryPath.unusable(PREFIX + path, path).isEmpty();
    }
}
