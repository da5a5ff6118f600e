package dev.sovereign.platform.deploy;

import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The gateway backend of a running model: its ready replicas, under its name and its adapters' names. */
final class ManagedBackend {

    /** How long a request may wait for the first byte, including the wait for a replica to wake from zero. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ManagedBackend() {
    }

    static BackendSettings of(Deployment deployment) {
        InferenceServiceSpec spec = deployment.service().spec();
        List<String> models = new ArrayList<>(List.of(deployment.name()));
        spec.loraAdapters().forEach(a -> models.add(a.name()));
        return new BackendSettings(deployment.name(), deployment.readyEndpoints(), null, "openai", models, TIMEOUT, Map.of(),
                spec.scaling().maxReplicas() > 1);
    }
}
