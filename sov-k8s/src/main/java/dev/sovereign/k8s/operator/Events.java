package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records Kubernetes Events on an InferenceService, so {@code kubectl describe} shows what the operator did. */
final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;

    Events(KubernetesClient client) {
        this.client = client;
    }

    void normal(HasMetadata about, String reason, String message) {
        record(about, "Normal", reason, message);
    }

    void warning(HasMetadata about, String reason, String message) {
        record(about, "Warning", reason, message);
    }

    private void record(HasMetadata about, String type, String reason, String message) {
        String now = Instant.now().toString();
        try {
            client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(about.getMetadata().getNamespace()).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(about.getApiVersion())
                            .withKind(about.getKind()).withName(about.getMetadata().getName())
                            .withNamespace(about.getMetadata().getNamespace()).withUid(about.getMetadata().getUid())
                            .build())
                    .withType(type).withReason(reason)
                    .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource("sovereign-operator", null).build()).create();
        } catch (KubernetesClientException e) {
            // An event that cannot be written must not stop reconciliation.
            LOG.debug("event not recorded: {}", e.getMessage());
        }
    }
}
