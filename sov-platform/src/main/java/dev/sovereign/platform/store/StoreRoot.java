package dev.sovereign.platform.store;

import dev.sovereign.spec.config.PlatformConfig;
import dev.sovereign.spec.config.PlatformConfigFiles;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** The store's folder, {@code <data folder>/models}, from an optional {@code sov.yaml} and the environment. */
public final class StoreRoot {

    public static final String FOLDER = "models";

    private StoreRoot() {
    }

    /** {@code configFile} may be null (every default); its {@code dataDir} wins over SOV_DATA_DIR and XDG_DATA_HOME. */
    public static Path of(Path configFile, Map<String, String> environment) {
        return config(configFile).dataFolder(environment).resolve(FOLDER);
    }

    private static PlatformConfig config(Path file) {
        if (file == null) {
            return PlatformConfigFiles.defaults(Path.of(""));
        }
        if (!Files.isRegularFile(file)) {
            throw new StoreException("--config: no such file " + file);
        }
        Loaded<PlatformConfig> loaded = PlatformConfigFiles.load(file);
        if (!loaded.valid()) {
            throw new StoreException(loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
        }
        return loaded.value();
    }
}
