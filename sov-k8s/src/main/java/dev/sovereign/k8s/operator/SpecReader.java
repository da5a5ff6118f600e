package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import dev.sovereign.spec.inference.InferenceServiceSchema;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.yaml.YamlFiles;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a custom resource into the typed, defaulted InferenceService, with the same checks as {@code sov validate}. */
public final class SpecReader {

    private SpecReader() {
    }

    public static Loaded<InferenceService> read(InferenceServiceResource resource) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", resource.getMetadata().getName());
        metadata.put("namespace", resource.getMetadata().getNamespace());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", InferenceServiceSchema.API_VERSION);
        document.put("kind", InferenceServiceSchema.KIND);
        document.put("metadata", metadata);
        document.put("spec", resource.getSpec() == null ? Map.of() : resource.getSpec());
        String name = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
        return InferenceServiceFiles.check(YamlFiles.parse(name, ManifestYaml.write(document)).documents().getFirst());
    }
}
