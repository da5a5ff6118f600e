package dev.sovereign.platform.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks a downloaded file against what the hub listed: the size of every file, the sha256 of
 * LFS files (their LFS id), and the git blob id of the others, so no file is taken on trust.
 */
final class FileVerifier {

    private static final int BUFFER = 1 << 16;

    private FileVerifier() {
    }

    /**
     * Throws a {@link StoreException} naming the file when it differs from the listing.
     * {@code sha256} is the content's digest when the download already computed it, else null.
     */
    static void verify(HubFile file, Path data, String owner, String sha256) {
        try {
            long size = Files.size(data);
            if (file.size() >= 0 && size != file.size()) {
                throw corrupt(file, owner, "it has " + size + " bytes but the hub lists " + file.size());
            }
            if (file.lfs()) {
                String actual = sha256 != null ? sha256 : digest(data, "SHA-256", null);
                if (!actual.equals(file.lfsSha256())) {
                    throw corrupt(file, owner, "its sha256 is " + actual + " but the hub's LFS id is " + file.lfsSha256());
                }
            } else if (file.blobId() != null) {
                String actual = digest(data, "SHA-1", ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
                if (!actual.equals(file.blobId())) {
                    throw corrupt(file, owner, "its git blob id is " + actual + " but the hub lists " + file.blobId());
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read " + data + " to verify it: " + e.getMessage(), e);
        }
    }

    static String digest(Path data, String algorithm, byte[] prefix) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
        if (prefix != null) {
            digest.update(prefix);
        }
        try (InputStream in = Files.newInputStream(data)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static StoreException corrupt(HubFile file, String owner, String detail) {
        return new StoreException(file.path() + " of " + owner + " is corrupt: " + detail
                + "; it was discarded, run the pull again");
    }
}
