package dev.sovereign.platform.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A {@code file:PATH} repository: a model folder (or a single .gguf file) already on this
 * machine, used where it is (never copied). Relative paths resolve against the folder of the file that names them.
 */
public final class FileRepository {

    public static final String PREFIX = "file:";

    private FileRepository() {
    }

    public static boolean isFile(String repository) {
        return repository != null && repository.startsWith(PREFIX);
    }

    /** The folder, checked to exist and to hold a config.json or a .gguf file (or a .gguf file itself). */
    public static Path resolve(String repository, Path baseDir) {
        Path folder = locate(repository, baseDir);
        if (isGgufFile(folder)) {
            return folder;
        }
        if (!Files.isDirectory(folder)) {
            throw new StoreException(repository + ": no such folder " + folder);
        }
        if (!holdsModel(folder)) {
            throw new StoreException(repository + ": folder " + folder + " holds neither a config.json nor a .gguf file");
        }
        return folder;
    }

    static Path locate(String repository, Path baseDir) {
        String path = repository.substring(PREFIX.length());
        if (path.startsWith("//")) {
            path = path.substring(2);
        }
        if (path.isBlank()) {
            throw new StoreException("repository 'file:' names no folder: write file:PATH");
        }
        Path base = baseDir == null ? Path.of("") : baseDir;
        return base.resolve(path).toAbsolutePath().normalize();
    }

    /** A folder holding a model, or a single .gguf file (the engines take either). */
    static boolean usable(Path path) {
        return isGgufFile(path) || Files.isDirectory(path) && holdsModel(path);
    }

    private static boolean isGgufFile(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".gguf");
    }

    static boolean holdsModel(Path folder) {
        if (Files.isRegularFile(folder.resolve("config.json"))) {
            return true;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".gguf") && Files.isRegularFile(f));
        } catch (IOException e) {
            throw new StoreException("cannot read folder " + folder + ": " + e.getMessage());
        }
    }
}
