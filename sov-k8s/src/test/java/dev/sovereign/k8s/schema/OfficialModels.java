package dev.sovereign.k8s.schema;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Core kinds checked against the official Kubernetes OpenAPI as compiled into the Kubernetes
 * Java client's models (io.kubernetes:client-java-api 24.0.0, generated from the 1.33 API by
 * openapi-generator): each model's {@code validateJsonElement} refuses fields the API does not
 * define, missing required fields and values of the wrong JSON type, at every level. No Maven
 * artifact carries the OpenAPI document itself (docs/kubernetes.md, "Tests and their limits").
 */
final class OfficialModels {

    @FunctionalInterface
    private interface Validator {
        void validate(JsonElement json) throws IOException;
    }

    private static final Map<String, Validator> VALIDATORS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", V1ServiceAccount::validateJsonElement),
            Map.entry("v1/Service", V1Service::validateJsonElement),
            Map.entry("v1/ConfigMap", V1ConfigMap::validateJsonElement),
            Map.entry("v1/PersistentVolumeClaim", io.kubernetes.client.openapi.models.V1PersistentVolumeClaim::validateJsonElement),
            Map.entry("apps/v1/Deployment", V1Deployment::validateJsonElement),
            Map.entry("batch/v1/Job", V1Job::validateJsonElement),
            Map.entry("batch/v1/CronJob", V1CronJob::validateJsonElement),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy::validateJsonElement),
            Map.entry("policy/v1/PodDisruptionBudget", io.kubernetes.client.openapi.models.V1PodDisruptionBudget::validateJsonElement),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", V1ClusterRole::validateJsonElement),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", V1ClusterRoleBinding::validateJsonElement),
            Map.entry("rbac.authorization.k8s.io/v1/Role", V1Role::validateJsonElement),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", V1RoleBinding::validateJsonElement),
            Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition", V1CustomResourceDefinition::validateJsonElement));

    private OfficialModels() {
    }

    /** The first problem the official model finds (it stops at the first), or none. */
    static List<String> problems(String apiVersionAndKind, String json) {
        Validator validator = VALIDATORS.get(apiVersionAndKind);
        if (validator == null) {
            return List.of("no official model known for " + apiVersionAndKind);
        }
        try {
            validator.validate(JsonParser.parseString(json));
            return List.of();
        } catch (IllegalArgumentException | IOException e) {
            // the generated message repeats the whole object; the part before it names the field
            String message = e.getMessage();
            int json_ = message.indexOf(" JSON: ");
            return List.of("Kubernetes 1.33 OpenAPI: " + (json_ > 0 ? message.substring(0, json_) : message));
        }
    }
}
