package dev.sovereign.spec.inference;

import java.util.Map;

/** A validated InferenceService with every default filled in. */
public record InferenceService(String apiVersion, String kind, Metadata metadata, InferenceServiceSpec spec) {

    public String name() {
        return metadata.name();
    }

    /** Kubernetes object metadata. */
    public record Metadata(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
        public Metadata {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        }
    }
}
