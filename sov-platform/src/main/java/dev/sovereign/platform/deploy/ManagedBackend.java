package dev.sovereign.platform.deploy;

import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.spec.inference.InferenceService;
import java.time.Duration;
import java.util.Map;

/** The gateway backend of a running model: its ready replicas, under its name and its adapters' names. */
final class ManagedBackend {

    /** How long a request may wait for the first byte, including the wait for a replica to wake from zero. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ManagedBackend() {
    }

    static BackendSettings of(Deployment deployment) {
        InferenceService service = deployment.service();
        return new BackendSettings(deployment.name(), deployment.readyEndpoints(), null, "openai", service.servedModelNames(),
                TIMEOUT, Map.of(), service.spec().scaling().maxReplicas() > 1);
    }
}
