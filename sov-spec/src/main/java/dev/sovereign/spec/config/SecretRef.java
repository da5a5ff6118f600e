package dev.sovereign.spec.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a secret comes from: an environment variable, a file (e.g. a mounted Kubernetes
 * Secret), an inline value (for local experiments), or, for API keys, only its SHA-256 so
 * the key itself never sits in the file. Exactly one is set.
 */
public record SecretRef(String env, String file, String value, String sha256) {

    /** Thrown when a referenced secret cannot be read; the message names the field. */
    public static final class UnresolvedSecretException extends RuntimeException {
        public UnresolvedSecretException(String message) {
            super(message);
        }
    }

    public boolean isHashOnly() {
        return sha256 != null;
    }

    /**
     * The secret's text. Relative files are resolved against {@code baseDir} (the folder of
     * the config file); one trailing newline is dropped, as editors and {@code echo} add one.
     */
    public String resolve(String fieldPath, Function<String, String> environment, Path baseDir) {
        if (value != null) {
            return value;
        }
        if (env != null) {
            String fromEnv = environment.apply(env);
            if (fromEnv == null || fromEnv.isEmpty()) {
                throw new UnresolvedSecretException(fieldPath + ": environment variable " + env + " is not set");
            }
            return fromEnv;
        }
        if (file != null) {
            Path path = baseDir.resolve(file);
            try {
                return Files.readString(path).replaceFirst("\\r?\\n$", "");
            } catch (IOException e) {
                throw new UnresolvedSecretException(fieldPath + ": cannot read secret file " + path + " (" + e.getMessage() + ")");
            }
        }
        throw new UnresolvedSecretException(fieldPath + ": only the sha256 of this secret is known");
    }
}
