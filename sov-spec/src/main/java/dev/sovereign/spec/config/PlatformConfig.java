package dev.sovereign.spec.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The validated platform configuration ({@code sov.yaml}) with defaults filled in.
 * {@code baseDir} is the folder relative paths are resolved against (the config file's folder,
 * or the working directory when there is no file).
 */
public record PlatformConfig(String apiVersion, String kind, GatewayConfig gateway, Router router, Engine engine, String models,
                             String dataDir, Path baseDir) {

    /** The embedded engine's section; {@code kvCacheHeapPercent} bounds the KV caches of all its replicas together. */
    public record Engine(int kvCacheHeapPercent) {
    }

    /** The router section; {@code failClosed} null means the default for the router's configuration. */
    public record Router(boolean enabled, String config, Boolean failClosed) {
    }

    public PlatformConfig withBaseDir(Path folder) {
        return new PlatformConfig(apiVersion, kind, gateway, router, engine, models, dataDir, folder);
    }

    /** The models folder, if the file names one. */
    public Optional<Path> modelsFolder() {
        return Optional.ofNullable(models).map(baseDir::resolve);
    }

    /** The data folder: the file's choice, else $SOV_DATA_DIR, $XDG_DATA_HOME/sovereign, ~/.local/share/sovereign. */
    public Path dataFolder(Map<String, String> environment) {
        if (dataDir != null) {
            return baseDir.resolve(dataDir);
        }
        if (environment.get("SOV_DATA_DIR") != null) {
            return Path.of(environment.get("SOV_DATA_DIR"));
        }
        if (environment.get("XDG_DATA_HOME") != null) {
            return Path.of(environment.get("XDG_DATA_HOME"), "sovereign");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "sovereign");
    }
}
