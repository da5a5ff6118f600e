package dev.sovereign.platform.store;

import dev.sovereign.spec.config.PlatformConfig;
import dev.sovereign.spec.config.PlatformConfigFiles;
import java.nio.file.Path;
import java.util.Map;

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
        try {
            return PlatformConfigFiles.require(file);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage().replace('\n', ' '));
        }
    }
}
