package dev.sovereign.platform;

import java.util.List;

/**
 * What {@code sov status} shows: every declared model with its replicas, and every file that does
 * not validate. Serialized as JSON on the gateway's {@code /sov/status}.
 */
public record PlatformStatus(String modelsFolder, List<Model> models, List<FileProblem> problems) {

    /**
     * @param lastError why the latest declaration is not what runs (null when it is)
     * @param nextRetry when a declaration that failed to start is tried again, ISO-8601 (null when none is pending)
     * @param startingForSeconds how long the replicas of its latest declaration have been starting (null when none is)
     */
    public record Model(String name, String file, String engine, String repository, String revision, int readyReplicas,
                        int desiredReplicas, List<String> endpoints, String lastError, String nextRetry,
                        Long startingForSeconds) {
    }

    public record FileProblem(String file, String problem) {
    }
}
