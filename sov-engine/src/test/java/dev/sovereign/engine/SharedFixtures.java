package dev.sovereign.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared read-only test data through the {@code sov.shared} system property that the build sets. */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    public static Path llama2TinyRandom() {
        String shared = System.getProperty("sov.shared");
        if (shared == null) {
            throw new IllegalStateException("system property sov.shared is not set (the Maven build sets it)");
        }
        Path path = Path.of(shared, "fixtures", "gguf", "llama-2-tiny-random.gguf");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("shared fixture missing: " + path);
        }
        return path;
    }
}
