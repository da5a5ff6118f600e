package dev.sovereign.k8s.crd;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import java.util.Map;

/** The OpenAPI schema of the status the operator writes; its fields mirror the reference's plus conditions. */
final class StatusSchema {

    private StatusSchema() {
    }

    static Map<String, Object> schema() {
        return map("type", "object",
                "description", "Observed state, written by the operator.",
                "properties", map(
                        "observedGeneration", map("type", "integer", "format", "int64"),
                        "phase", map("type", "string"),
                        "readyReplicas", map("type", "integer", "format", "int32"),
                        "modelEndpoint", map("type", "string"),
                        "url", map("type", "string", "description",
                                "In-cluster base URL of the model's OpenAI-compatible API."),
                        "servedModelsSummary", map("type", "string"),
                        "servedModels", map("type", "array", "items", map("type", "object",
                                "required", list("name", "kind"),
                                "properties", map(
                                        "name", map("type", "string"),
                                        "kind", map("type", "string", "enum", list("base", "adapter")),
                                        "canaryWeightPercent", map("type", "integer")))),
                        "conditions", map("type", "array",
                                "x-kubernetes-list-type", "map",
                                "x-kubernetes-list-map-keys", list("type"),
                                "items", map("type", "object",
                                        "required", list("type", "status"),
                                        "properties", map(
                                                "type", map("type", "string"),
                                                "status", map("type", "string", "enum", list("True", "False", "Unknown")),
                                                "reason", map("type", "string"),
                                                "message", map("type", "string"),
                                                "observedGeneration", map("type", "integer", "format", "int64"),
                                                "lastTransitionTime", map("type", "string", "format", "date-time"))))));
    }
}
