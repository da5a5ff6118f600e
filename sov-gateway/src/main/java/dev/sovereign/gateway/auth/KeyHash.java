package dev.sovereign.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keys are stored and compared only as SHA-256 hashes: API keys are long random strings, so a
 * fast unsalted hash is enough, and a leaked database does not leak a usable key.
 */
public final class KeyHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyHash() {
    }

    public static String of(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The public id of a key: a short prefix of its hash, safe to show and log. */
    public static String idOf(String hash) {
        return "key_" + hash.substring(0, 12);
    }

    public static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "sk-sov-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
