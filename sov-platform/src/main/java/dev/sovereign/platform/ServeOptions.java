package dev.sovereign.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code sov serve} is told.
 *
 * @param config      sov.yaml, null for every default
 * @param models      folder of InferenceService files, null for the configuration's
 * @param apiKeys     TENANT=KEY pairs; with none (here and in the configuration) a key is generated and kept
 * @param port        gateway port, null for the configuration's (8080), 0 for any free one
 * @param timeScale   divides every autoscaling duration (demos and tests); 1 in production
 * @param drainGrace  how long a leaving replica, and the gateway at shutdown, wait for requests in flight
 */
public record ServeOptions(Path config, Path models, List<String> apiKeys, Integer port, double timeScale,
                           Duration drainGrace) {

    public static final Duration DEFAULT_DRAIN_GRACE = Duration.ofSeconds(30);

    public ServeOptions {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        if (timeScale <= 0) {
            throw new IllegalArgumentException("--time-scale must be positive");
        }
        drainGrace = drainGrace == null ? DEFAULT_DRAIN_GRACE : drainGrace;
        if (drainGrace.isNegative()) {
            throw new IllegalArgumentException("--drain-seconds must be zero or more, got " + drainGrace.toSeconds());
        }
    }
}
