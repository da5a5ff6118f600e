package dev.sovereign.gateway.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger holds key hashes, tenants and usage: its folder is created 0700 and the file is
 * kept 0600 before SQLite opens it (SQLite gives its -wal and -shm files the database file's
 * mode). An existing folder others can read is left as it is, with a warning: it may be shared
 * on purpose (the weight store lives there too).
 */
final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    static void prepare(Path file) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
                if (posix) {
                    Files.setPosixFilePermissions(parent, FOLDER);
                }
            } else if (parent != null && posix && openToOthers(Files.getPosixFilePermissions(parent))) {
                LOG.warn("the folder of the usage ledger {} can be read by other users; the ledger itself is kept 0600", parent);
            }
            if (!posix) {
                return;
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.setPosixFilePermissions(file, FILE);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path companion = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(companion)) {
                    Files.setPosixFilePermissions(companion, FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the usage ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean openToOthers(Set<PosixFilePermission> permissions) {
        return permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
                || permissions.contains(PosixFilePermission.GROUP_READ);
    }
}
