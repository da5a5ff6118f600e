package dev.sovereign.router.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed train / held-out split: a row is held out when the first byte of SHA-256 of its key
 * falls in the lowest fifth. Stable across runs, machines and dataset re-orderings.
 */
public final class Split {
    private Split() {
    }

    public static boolean heldOut(String key) {
        return firstByte(key) < 52;
    }

    /** Half of the rows by the same kind of rule: for sets split into a development and an evaluation half. */
    public static boolean secondHalf(String key) {
        return firstByte(key) < 128;
    }

    /** SHA-256 of the key in hex: a stable order for "take the first N" selections. */
    public static String digestHex(String key) {
        return java.util.HexFormat.of().formatHex(digest(key));
    }

    private static int firstByte(String key) {
        return digest(key)[0] & 0xFF;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
