package dev.sovereign.gateway;

import dev.sovereign.gateway.mom.ModelChooser;
import dev.sovereign.gateway.mom.RouterChooser;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.PlatformSettings;
import dev.sovereign.router.SemanticRouter;
import dev.sovereign.spec.config.PlatformConfig;
import dev.sovereign.spec.config.PlatformConfigFiles;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts the gateway the way {@code sov gateway} does: sov.yaml (or every default), the
 * InferenceService files of the models folder, keys given on the command line, and the
 * semantic router behind {@code MoM} unless the configuration switches it off.
 */
public final class GatewayLauncher {

    private GatewayLauncher() {
    }

    /** What the command line adds: config file, models folder, TENANT=KEY pairs, port (each may be null or empty). */
    public record Options(Path config, Path models, List<String> apiKeys, Integer port) {
    }

    public static Gateway start(Options options, Function<String, String> environment) {
        PlatformConfig config = loadConfig(options.config());
        List<InferenceService> services = loadModels(options.models() != null ? Optional.of(options.models()) : config.modelsFolder());
        List<Map.Entry<String, String>> keys = keyPairs(options.apiKeys());
        GatewaySettings settings = PlatformSettings.bind(config, services, new PlatformSettings.Overrides(keys, options.port()),
                environment);
        return Gateway.start(settings, chooser(config));
    }

    /** The semantic router behind {@code MoM}, unless the configuration switches it off. */
    public static Optional<ModelChooser> chooser(PlatformConfig config) {
        if (config.router() == null || !config.router().enabled()) {
            return Optional.empty();
        }
        SemanticRouter router = config.router().config() == null ? SemanticRouter.withDefaultConfig()
                : SemanticRouter.fromConfigFile(config.baseDir().resolve(config.router().config()));
        return Optional.of(config.router().failClosed() == null ? new RouterChooser(router)
                : new RouterChooser(router, config.router().failClosed()));
    }

    /** TENANT=KEY pairs of the command line. */
    public static List<Map.Entry<String, String>> keyPairs(List<String> pairs) {
        List<Map.Entry<String, String>> keys = new ArrayList<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                // never echo the value: it is probably a key
                throw new IllegalArgumentException("--api-key: expected TENANT=KEY with both parts non-empty");
            }
            keys.add(Map.entry(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return keys;
    }

    /** The environment variable that may hold TENANT=KEY pairs (comma, space or newline separated), out of ps output. */
    public static final String API_KEYS_VARIABLE = "SOV_GATEWAY_API_KEYS";

    /**
     * TENANT=KEY pairs of a key file: one a line, blank lines and {@code #} comments skipped. Errors name the file and
     * line, never the value.
     */
    public static List<String> keyFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--api-key-file: cannot read " + file + ": " + e.getMessage());
        }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw new IllegalArgumentException("--api-key-file: " + file + ":" + (i + 1) + ": expected TENANT=KEY");
            }
            pairs.add(line);
        }
        return pairs;
    }

    /** TENANT=KEY pairs of {@link #API_KEYS_VARIABLE}, empty when it is unset. */
    public static List<String> keyVariable(Function<String, String> environment) {
        String value = environment.apply(API_KEYS_VARIABLE);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.strip().split("[,\\s]+"));
    }

    /** sov.yaml, or every default when there is no file (relative paths then start at the working directory). */
    public static PlatformConfig loadConfig(Path file) {
        return PlatformConfigFiles.require(file);
    }

    private static List<InferenceService> loadModels(Optional<Path> folder) {
        if (folder.isEmpty()) {
            return List.of();
        }
        if (!Files.isDirectory(folder.get())) {
            throw new IllegalArgumentException("--models: no such folder " + folder.get());
        }
        List<Loaded<InferenceService>> loaded = InferenceServiceFiles.load(List.of(folder.get()));
        List<Problem> problems = loaded.stream().flatMap(l -> l.problems().stream()).toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(describe(problems));
        }
        return loaded.stream().map(Loaded::value).toList();
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
