package dev.sovereign.platform.reconcile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The YAML files of the models folder and a digest of each one's bytes: two equal snapshots mean
 * nothing changed. Polling content rather than file events works the same on every file system
 * and sees through editors that save by rename and ConfigMap-style symlink swaps.
 */
record FolderSnapshot(Map<Path, String> digests) {

    static FolderSnapshot of(Path folder) {
        Map<Path, String> digests = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return new FolderSnapshot(digests);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .toList()) {
                digests.put(file, digest(file));
            }
        } catch (IOException e) {
            // A file that vanished during the walk: the next poll sees the folder as it settled.
        }
        return new FolderSnapshot(digests);
    }

    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
