package dev.sovereign.platform.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The sha256 of a partial file kept up to date as its bytes arrive, so a weight file is hashed
 * in the same pass that writes it instead of being read again. After a resume it re-hashes the
 * prefix on disk only when it does not already cover it (a partial left by another process).
 */
final class RunningSha256 {

    private final MessageDigest digest;
    private long covered;

    RunningSha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Makes the digest cover exactly the first {@code length} bytes of {@code file}. */
    void alignTo(Path file, long length) throws IOException {
        if (covered == length) {
            return;
        }
        digest.reset();
        covered = 0;
        if (length == 0) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            while (covered < length) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - covered));
                if (n < 0) {
                    throw new IOException(file + " is shorter than " + length + " bytes");
                }
                update(buffer, 0, n);
            }
        }
    }

    void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
        covered += length;
    }

    /** The hex digest if it covers exactly {@code length} bytes, else null (the caller hashes the file). */
    String hexIfCovering(long length) {
        if (covered != length) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            return null;
        }
    }
}
