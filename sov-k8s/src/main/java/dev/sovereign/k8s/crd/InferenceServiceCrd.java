package dev.sovereign.k8s.crd;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceRules;
import dev.sovereign.spec.inference.InferenceServiceSchema;
import dev.sovereign.spec.schema.ObjectSchema;
import dev.sovereign.spec.validation.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code inferenceservices.sovereign.dev} CustomResourceDefinition, generated from the
 * spec's definitions: the OpenAPI schema from {@link InferenceServiceSchema}, and each
 * cross-field rule of {@link InferenceServiceRules} as an {@code x-kubernetes-validations}
 * entry on the field its {@code scope} names.
 */
public final class InferenceServiceCrd {

    public static final String GROUP = "sovereign.dev";
    public static final String VERSION = "v1alpha1";
    public static final String PLURAL = "inferenceservices";
    public static final String NAME = PLURAL + "." + GROUP;

    private InferenceServiceCrd() {
    }

    public static Map<String, Object> definition() {
        return map("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", map("name", NAME),
                "spec", map(
                        "group", GROUP,
                        "names", map("kind", InferenceServiceSchema.KIND, "listKind", InferenceServiceSchema.KIND + "List",
                                "plural", PLURAL, "singular", "inferenceservice", "categories", list("sovereign")),
                        "scope", "Namespaced",
                        "versions", list(map(
                                "name", VERSION,
                                "served", true,
                                "storage", true,
                                "subresources", map("status", map()),
                                "additionalPrinterColumns", printerColumns(),
                                "schema", map("openAPIV3Schema", rootSchema())))));
    }

    /** The schema of the whole object: the generated spec, a status the operator writes, standard metadata. */
    public static Map<String, Object> rootSchema() {
        Map<String, Object> spec = specSchema();
        return map("type", "object",
                "description", InferenceServiceSchema.document().description(),
                "properties", map(
                        "apiVersion", map("type", "string"),
                        "kind", map("type", "string"),
                        "metadata", metadataSchema(),
                        "spec", spec,
                        "status", StatusSchema.schema()),
                "required", list("spec"));
    }

    /**
     * The object name as the spec restricts it (a DNS-1035 label: it names the model's
     * Service). A CRD schema may restrict nothing of metadata but name and generateName.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> metadataSchema() {
        ObjectSchema metadata = (ObjectSchema) InferenceServiceSchema.document().fields().get("metadata").schema();
        Map<String, Object> name = OpenApiSchemas.of(metadata.fields().get("name").schema());
        name.remove("description");
        return map("type", "object", "properties", map("name", name));
    }

    /** The spec's OpenAPI schema with the cross-field rules attached where their scope says. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> specSchema() {
        Map<String, Object> spec = OpenApiSchemas.of(InferenceServiceSchema.spec());
        for (Rule<InferenceService> rule : InferenceServiceRules.all()) {
            Map<String, Object> target = spec;
            if (!rule.scope().isEmpty()) {
                for (String step : rule.scope().split("\\.")) {
                    target = (Map<String, Object>) ((Map<String, Object>) target.get("properties")).get(step);
                }
            }
            List<Object> validations = (List<Object>) target.computeIfAbsent("x-kubernetes-validations",
                    k -> new ArrayList<>());
            Map<String, Object> entry = map("rule", rule.cel(), "message", rule.message());
            if (!rule.fieldPath().isEmpty()) {
                entry.put("fieldPath", "." + rule.fieldPath());
            }
            validations.add(entry);
        }
        return spec;
    }

    private static List<Object> printerColumns() {
        return list(
                column("Model", "string", ".spec.model.repository"),
                column("Revision", "string", ".spec.model.revision"),
                column("Ready", "integer", ".status.readyReplicas"),
                column("Endpoint", "string", ".status.modelEndpoint"),
                column("Served Models", "string", ".status.servedModelsSummary"),
                column("Age", "date", ".metadata.creationTimestamp"));
    }

    private static Map<String, Object> column(String name, String type, String path) {
        return map("name", name, "type", type, "jsonPath", path);
    }
}
