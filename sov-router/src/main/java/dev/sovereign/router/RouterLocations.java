package dev.sovereign.router;

import java.nio.file.Path;

/**
 * Where the router's tools find the shared datasets and write heads, from system properties set
 * by the launcher and the build ({@code sov.shared}, {@code sov.home} / {@code sov.root}).
 */
public final class RouterLocations {
    private RouterLocations() {
    }

    public static Path datasets() {
        String shared = System.getProperty("sov.shared");
        if (shared != null) {
            return Path.of(shared, "datasets");
        }
        return repoRoot().resolve("..").resolve("shared").resolve("datasets").normalize();
    }

    /** The committed heads folder of the source tree, which {@code sov route train} rewrites. */
    public static Path headsSource() {
        return repoRoot().resolve("sov-router/src/main/resources/dev/sovereign/router/heads");
    }

    private static Path repoRoot() {
        String root = System.getProperty("sov.home", System.getProperty("sov.root"));
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    }
}
