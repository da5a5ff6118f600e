package dev.sovereign.spec.config;

import dev.sovereign.spec.validation.DocumentChecker;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import dev.sovereign.spec.yaml.YamlFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Reads {@code sov.yaml}; a missing optional file means every default. */
public final class PlatformConfigFiles {

    private static final DocumentChecker<PlatformConfig> CHECKER = new DocumentChecker<>(
            PlatformConfigSchema.document(), PlatformConfig.class, UnaryOperator.identity(), List.of(),
            "file is empty: expected a PlatformConfig");

    private PlatformConfigFiles() {
    }

    /** The configuration of one file; it must hold exactly one document. */
    public static Loaded<PlatformConfig> load(Path file) {
        List<Loaded<PlatformConfig>> documents = CHECKER.load(file);
        if (documents.size() > 1) {
            return new Loaded<>(file.toString(), 1, null, List.of(new Problem(file.toString(),
                    documents.get(1).problems().isEmpty() ? 0 : documents.get(1).problems().getFirst().line(), "",
                    "a platform configuration is one YAML document, found " + documents.size())));
        }
        Loaded<PlatformConfig> only = documents.getFirst();
        if (!only.valid()) {
            return only;
        }
        Path folder = file.toAbsolutePath().getParent();
        return new Loaded<>(only.file(), only.index(), only.value().withBaseDir(folder), only.problems(),
                only.lineOf());
    }

    /**
     * The configuration a command runs with: the file's, or every default when {@code file} is null.
     *
     * @throws IllegalArgumentException naming the file, or every problem as {@code file:line: field: message}
     */
    public static PlatformConfig require(Path file) {
        if (file == null) {
            return defaults(Path.of(""));
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config: no such file " + file);
        }
        Loaded<PlatformConfig> loaded = load(file);
        if (!loaded.valid()) {
            throw new IllegalArgumentException(String.join("\n", loaded.problems().stream().map(Problem::toString).toList()));
        }
        return loaded.value();
    }

    /** Every default, relative to {@code workingDir}: what runs when no sov.yaml is given. */
    public static PlatformConfig defaults(Path workingDir) {
        Loaded<PlatformConfig> loaded = CHECKER.check(YamlFiles.parse("(defaults)", "{}").documents().getFirst());
        return loaded.value().withBaseDir(workingDir.toAbsolutePath());
    }
}
