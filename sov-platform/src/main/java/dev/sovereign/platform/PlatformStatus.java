package dev.sovereign.platform;

import java.util.List;

/**
 * What {@code sov status} shows: every declared model with its replicas, and every file that does
 * not validate, and what the control loop's last step failed with while it keeps failing. Serialized as JSON on
 * the gateway's {@code /sov/status}.
 */
public record PlatformStatus(String modelsFolder, List<Model> models, List<FileProblem> problems, String controlLoopError) {

    /**
     * @param lastError why the latest declaration is not what runs (null when it is)
     * @param nextRetry when a declaration that failed to start is tried again, ISO-8601 (null when none is pending)
     * @param startingForSeconds how long the replicas of its latest declaration have been starting (null when none is)
     * @param maxConcurrency full-context sequences one replica's KV cache holds at once (null where the engine sizes it)
     * @param kvCacheBytes size of one replica's KV cache (null where the engine sizes it)
     * @param devices where each replica runs, e.g. {@code cuda (NVIDIA H100 80GB HBM3)}, for the replicas that say
     */
    public record Model(String name, String file, String engine, String repository, String revision, int readyReplicas,
                        int desiredReplicas, List<String> endpoints, String lastError, String nextRetry,
                        Long startingForSeconds, Integer maxConcurrency, Long kvCacheBytes, List<String> devices) {
        public Model {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }
    }

    public record FileProblem(String file, String problem) {
    }
}
