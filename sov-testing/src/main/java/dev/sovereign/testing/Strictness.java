package dev.sovereign.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether a missing prerequisite fails the test instead of skipping it. Our CI sets {@code CI=true}, so there a
 * test can never be skipped for want of data or a service; a JUnit configuration parameter (or system property) of
 * the same name, when given, decides alone, which lets the extensions' own tests pin both behaviours.
 */
final class Strictness {

    private Strictness() {
    }

    static boolean required(ExtensionContext context, String parameter, String environmentVariable) {
        Optional<String> explicit = context.getConfigurationParameter(parameter);
        if (explicit.isPresent()) {
            return Boolean.parseBoolean(explicit.get().strip());
        }
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv(environmentVariable));
    }
}
