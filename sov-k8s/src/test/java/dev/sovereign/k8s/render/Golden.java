package dev.sovereign.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a committed golden file. Run with {@code -Dsov.golden.update=true} to
 * rewrite the files after an intended change, then review the diff.
 */
public final class Golden {

    private Golden() {
    }

    public static Path root() {
        return Path.of(System.getProperty("sov.root", ".."));
    }

    public static void check(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("sov.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        assertThat(golden).as("golden file %s (rerun with -Dsov.golden.update=true to create it)", golden).exists();
        assertThat(actual).as("output vs %s", golden).isEqualTo(Files.readString(golden));
    }
}
