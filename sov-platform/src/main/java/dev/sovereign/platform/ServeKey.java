package dev.sovereign.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The API key {@code sov serve} prints when none is given: generated on the first start and kept
 * in the data folder (owner-only), so clients configured once keep working after a restart.
 */
public final class ServeKey {

    public static final String TENANT = "local";
    static final String FILE = "serve-api-key";

    private ServeKey() {
    }

    public static Path file(Path dataFolder) {
        return dataFolder.resolve(FILE);
    }

    /** The stored key, created first if there is none. */
    public static String loadOrCreate(Path dataFolder) {
        Path file = file(dataFolder);
        try {
            if (Files.isRegularFile(file)) {
                String key = Files.readString(file).trim();
                if (!key.isEmpty()) {
                    return key;
                }
            }
            Files.createDirectories(dataFolder);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = "sk-sov-" + HexFormat.of().formatHex(random);
            Path temp = Files.createTempFile(dataFolder, FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own protection applies
            }
            Files.writeString(temp, key + "\n");
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the API key in " + file + ": " + e.getMessage(), e);
        }
    }
}
