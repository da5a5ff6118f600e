package dev.sovereign.testing;

import dev.sovereign.testing.report.TestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the shared data folder is: the {@value #PROPERTY} system property, which the Maven build sets to
 * {@code ../shared} beside the project (override with {@code -Dsov.shared=DIR}). The data is third-party and stays
 * out of the project; tests that read it say so with {@link NeedsSharedData}.
 */
public final class SharedData {
    public static final String PROPERTY = "sov.shared";

    private SharedData() {
    }

    /** A file or folder of the shared data; fails with the skip reason's wording when it is absent. */
    public static Path file(String relative) {
        Optional<Path> folder = folder(System.getProperty(PROPERTY));
        List<String> missing = missing(folder, List.of(relative));
        if (!missing.isEmpty()) {
            throw new IllegalStateException(reason(folder, missing));
        }
        return folder.orElseThrow().resolve(relative);
    }

    static Optional<Path> folder(String property) {
        return Optional.ofNullable(property).filter(p -> !p.isBlank()).map(p -> Path.of(p).toAbsolutePath().normalize());
    }

    static List<String> missing(Optional<Path> folder, List<String> relatives) {
        if (folder.isEmpty()) {
            return relatives;
        }
        return relatives.stream().filter(r -> !Files.exists(folder.get().resolve(r))).toList();
    }

    /** One line: the missing paths first (./test's summary groups skips by them), then where they were looked for. */
    static String reason(Optional<Path> folder, List<String> missing) {
        String where = folder.map(f -> "looked in " + f + "; put the shared data folder there or set -D" + PROPERTY)
                .orElse("system property " + PROPERTY + " is not set (the Maven build sets it to ../shared)");
        return TestSummary.MISSING_SHARED + String.join(", ", missing) + " (" + where + ")";
    }
}
