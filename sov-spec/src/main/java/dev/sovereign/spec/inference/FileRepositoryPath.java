package dev.sovereign.spec.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code repository: file:PATH} means, in one place for {@code sov validate} and the weight
 * store: a folder holding a {@code config.json} or a {@code .gguf} file, or a {@code .gguf} file
 * itself; a relative PATH resolves against the folder of the file that names it.
 */
public final class FileRepositoryPath {

    public static final String PREFIX = "file:";

    private FileRepositoryPath() {
    }

    public static boolean isFile(String repository) {
        return repository != null && repository.startsWith(PREFIX);
    }

    /** The PATH as written, without the prefix (and without the {@code //} of {@code file://}). */
    public static String written(String repository) {
        String path = repository.substring(PREFIX.length());
        if (path.startsWith("//")) {
            path = path.substring(2);
        }
        if (path.isBlank()) {
            throw new IllegalArgumentException("repository 'file:' names no folder: write file:PATH");
        }
        return path;
    }

    /** The absolute location; {@code baseDir} null means the working directory. */
    public static Path locate(String repository, Path baseDir) {
        Path base = baseDir == null ? Path.of("") : baseDir;
        return base.resolve(written(repository)).toAbsolutePath().normalize();
    }

    /** Why the located path cannot serve as a model, or empty when it can. */
    public static Optional<String> unusable(String repository, Path located) {
        if (isGgufFile(located)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(located)) {
            return Optional.of(repository + ": no such folder " + located);
        }
        if (!holdsModel(located)) {
            return Optional.of(repository + ": folder " + located + " holds neither a config.json nor a .gguf file");
        }
        return Optional.empty();
    }

    private static boolean isGgufFile(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".gguf");
    }

    private static boolean holdsModel(Path folder) {
        if (Files.isRegularFile(folder.resolve("config.json"))) {
            return true;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".gguf") && Files.isRegularFile(f));
        } catch (IOException e) {
            return false;
        }
    }
}
