package dev.sovereign.platform.store;

import java.nio.file.Path;

/**
 * Where things live under the store root ({@code <data folder>/models}), one folder per
 * repository, revisions kept apart by commit sha, as the Hugging Face cache does:
 * <pre>
 * models/
 *   Qwen--Qwen3-8B/                 org--name: one level, and "--" never occurs in a hub id
 *     .lock                         held while a pull writes this repository
 *     refs/main                     the commit sha the branch or tag last resolved to
 *     snapshots/&lt;sha&gt;/              the model folder an engine loads
 *       .preload-complete           "repo@sha": written last, atomically
 *     incomplete/&lt;sha&gt;/&lt;file&gt;.incomplete   partial downloads, resumed with Range
 * </pre>
 * Partial files live outside the snapshot so an engine never sees half a file.
 */
public record StoreLayout(Path root) {

    public static final String MARKER = ".preload-complete";

    public StoreLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path repositoryFolder(String repository) {
        return root.resolve(repository.replace("/", "--"));
    }

    public Path lockFile(String repository) {
        return repositoryFolder(repository).resolve(".lock");
    }

    public Path refFile(ModelRef ref) {
        return repositoryFolder(ref.repository()).resolve("refs").resolve(ref.revision());
    }

    public Path snapshot(String repository, String commit) {
        return repositoryFolder(repository).resolve("snapshots").resolve(commit);
    }

    public Path marker(String repository, String commit) {
        return snapshot(repository, commit).resolve(MARKER);
    }

    public Path partialFolder(String repository, String commit) {
        return repositoryFolder(repository).resolve("incomplete").resolve(commit);
    }

    /** The file of the repository at {@code relativePath}, inside {@code folder}; a path that would leave it is refused. */
    static Path inside(Path folder, String relativePath) {
        if (relativePath.isEmpty() || relativePath.startsWith("/") || relativePath.contains("\\")
                || relativePath.indexOf('\0') >= 0) {
            throw new StoreException("the hub listed an unsafe file name: '" + relativePath + "'");
        }
        for (String segment : relativePath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new StoreException("the hub listed an unsafe file name: '" + relativePath + "'");
            }
        }
        return folder.resolve(relativePath);
    }
}
