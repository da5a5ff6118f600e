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
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return (h[0] & 0xFF) < 52;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
