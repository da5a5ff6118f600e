package dev.sovereign.platform.store;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the hub is and how to talk to it, read from the variables the Hugging Face tools use,
 * so a machine already set up for {@code hf download} needs nothing more.
 *
 * @param endpoint    {@code HF_ENDPOINT}, default https://huggingface.co (a mirror or a test server)
 * @param token       {@code HF_TOKEN}, else the file {@code HF_TOKEN_PATH}, else {@code $HF_HOME/token}
 * @param offline     {@code HF_HUB_OFFLINE}: never make a request; only complete local copies serve
 * @param parallelism files downloaded at once
 * @param readTimeout {@code HF_HUB_DOWNLOAD_TIMEOUT} seconds: the longest wait for the next bytes
 */
public record HubSettings(URI endpoint, Optional<String> token, boolean offline, int parallelism, Duration readTimeout) {

    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");
    public static final int DEFAULT_PARALLELISM = 4;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");

    public HubSettings {
        String text = endpoint.toString();
        endpoint = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (parallelism < 1) {
            throw new StoreException("download parallelism must be at least 1, got " + parallelism);
        }
    }

    /** Reads HF_ENDPOINT, HF_TOKEN, HF_TOKEN_PATH, HF_HOME, XDG_CACHE_HOME, HF_HUB_OFFLINE and HF_HUB_DOWNLOAD_TIMEOUT. */
    public static HubSettings fromEnvironment(Function<String, String> env) {
        String endpoint = blankToNull(env.apply("HF_ENDPOINT"));
        URI uri;
        try {
            uri = endpoint == null ? DEFAULT_ENDPOINT : URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new StoreException("HF_ENDPOINT is not a URL: " + endpoint);
        }
        if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme())) {
            throw new StoreException("HF_ENDPOINT must be an http or https URL, got " + endpoint);
        }
        boolean offline = TRUE.contains(String.valueOf(env.apply("HF_HUB_OFFLINE")).trim().toUpperCase(Locale.ROOT));
        return new HubSettings(uri, token(env), offline, DEFAULT_PARALLELISM, timeout(env));
    }

    public HubSettings withEndpoint(URI newEndpoint) {
        return new HubSettings(newEndpoint, token, offline, parallelism, readTimeout);
    }

    public HubSettings withParallelism(int workers) {
        return new HubSettings(endpoint, token, offline, workers, readTimeout);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", token=" + (token.isPresent() ? "set" : "none") + ", offline="
                + offline + ", parallelism=" + parallelism + ", readTimeout=" + readTimeout + "]";
    }

    private static Optional<String> token(Function<String, String> env) {
        String direct = blankToNull(env.apply("HF_TOKEN"));
        if (direct != null) {
            return Optional.of(direct.strip());
        }
        Path file = tokenFile(env);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(blankToNull(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new StoreException("cannot read the hub token file " + file + ": " + e.getMessage());
        }
    }

    private static Path tokenFile(Function<String, String> env) {
        String path = blankToNull(env.apply("HF_TOKEN_PATH"));
        if (path != null) {
            return Path.of(path);
        }
        String home = blankToNull(env.apply("HF_HOME"));
        if (home != null) {
            return Path.of(home, "token");
        }
        String cache = blankToNull(env.apply("XDG_CACHE_HOME"));
        Path cacheHome = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return cacheHome.resolve("huggingface").resolve("token");
    }

    private static Duration timeout(Function<String, String> env) {
        String seconds = blankToNull(env.apply("HF_HUB_DOWNLOAD_TIMEOUT"));
        if (seconds == null) {
            return DEFAULT_READ_TIMEOUT;
        }
        try {
            double value = Double.parseDouble(seconds);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) (value * 1000));
        } catch (NumberFormatException e) {
            throw new StoreException("HF_HUB_DOWNLOAD_TIMEOUT must be a positive number of seconds, got " + seconds);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
