package dev.sovereign.gateway.auth;

import dev.sovereign.gateway.settings.KeySettings;
import dev.sovereign.gateway.settings.Limits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The fingerprint of a key's entry in the configuration (key hash, tenant, models, limits). An
 * admin change to a declared key is stored with it, and wins over the file for as long as the
 * file's entry keeps that fingerprint: editing the entry is how the file takes the key back.
 */
final class KeyDeclaration {

    private KeyDeclaration() {
    }

    static String fingerprint(String hash, KeySettings declared) {
        Limits l = declared.limits();
        String text = String.join("\n", hash, declared.tenant(), String.join(",", new TreeSet<>(declared.allowedModels())),
                l.requestsPerMinute() + "/" + l.tokensPerMinute() + "/" + l.concurrent() + "/" + l.tokenBudget() + "/"
                        + l.costBudgetUsd() + "/" + (l.budgetPeriod() == null ? "" : l.budgetPeriod().toSeconds()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
