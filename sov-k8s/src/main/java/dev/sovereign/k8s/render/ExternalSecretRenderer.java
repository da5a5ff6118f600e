package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec.ExternalSecret;
import java.util.Map;

/** One External Secrets Operator ExternalSecret per {@code spec.externalSecrets[]} entry, named after the secret. */
final class ExternalSecretRenderer {

    private final RenderOptions options;

    ExternalSecretRenderer(RenderOptions options) {
        this.options = options;
    }

    Map<String, Object> render(InferenceService service, ExternalSecret secret) {
        return map("apiVersion", "external-secrets.io/v1", "kind", "ExternalSecret",
                "metadata", Names.metadata(service, secret.name(), Names.INFERENCE, "externalsecret-" + secret.name()),
                "spec", map(
                        "refreshInterval", secret.refreshInterval(),
                        "secretStoreRef", map("kind", "ClusterSecretStore", "name", options.secretStore()),
                        "target", map("name", secret.name(), "creationPolicy", "Owner", "deletionPolicy", "Retain"),
                        "dataFrom", list(map("extract", map("key", secret.remoteRef(),
                                "conversionStrategy", "Default")))));
    }
}
