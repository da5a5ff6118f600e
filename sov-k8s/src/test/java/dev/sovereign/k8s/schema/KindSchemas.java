package dev.sovereign.k8s.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a rendered object against the real API of its kind. Custom resources are validated
 * with the upstream CRD's OpenAPI schema (test resources under schemas/, see the README
 * there); Kubernetes core kinds are read into fabric8's model, generated from the Kubernetes
 * Go types, and any field the model does not know is reported, then checked by the official
 * Kubernetes Java client's models, generated from the Kubernetes OpenAPI ({@link OfficialModels}).
 */
public final class KindSchemas {

    private static final Map<String, String> CUSTOM = Map.ofEntries(
            Map.entry("keda.sh/v1alpha1/ScaledObject", "keda.sh/scaledobject_v1alpha1.json"),
            Map.entry("cilium.io/v2/CiliumNetworkPolicy", "cilium.io/ciliumnetworkpolicy_v2.json"),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/servicemonitor_v1.json"),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", "monitoring.coreos.com/prometheusrule_v1.json"),
            Map.entry("operator.victoriametrics.com/v1beta1/VMServiceScrape",
                    "operator.victoriametrics.com/vmservicescrape_v1beta1.json"),
            Map.entry("operator.victoriametrics.com/v1beta1/VMRule", "operator.victoriametrics.com/vmrule_v1beta1.json"),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", "gateway.networking.k8s.io/httproute_v1.json"),
            Map.entry("external-secrets.io/v1/ExternalSecret", "external-secrets.io/externalsecret_v1.json"),
            Map.entry("aigateway.envoyproxy.io/v1alpha1/AIGatewayRoute", "aigateway.envoyproxy.io/aigatewayroute_v1alpha1.json"),
            Map.entry("aigateway.envoyproxy.io/v1alpha1/AIServiceBackend",
                    "aigateway.envoyproxy.io/aiservicebackend_v1alpha1.json"),
            Map.entry("gateway.envoyproxy.io/v1alpha1/Backend", "gateway.envoyproxy.io/backend_v1alpha1.json"));

    private static final Map<String, Class<? extends KubernetesResource>> CORE = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("batch/v1/CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition", CustomResourceDefinition.class));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private final Map<String, Schema> loaded = new HashMap<>();

    /** The problems of one object; empty when its kind's API accepts it. */
    public List<String> problems(Map<String, Object> object) {
        String key = object.get("apiVersion") + "/" + object.get("kind");
        String where = key + " " + ((Map<?, ?>) object.get("metadata")).get("name") + ": ";
        try {
            String json = JSON.writeValueAsString(object);
            List<String> out = new ArrayList<>();
            if (CUSTOM.containsKey(key)) {
                schema(CUSTOM.get(key)).validate(json, InputFormat.JSON)
                        .forEach(e -> out.add(where + e.getInstanceLocation() + " " + e.getMessage()));
            } else if (CORE.containsKey(key)) {
                UnknownFields.in(JSON.readValue(json, CORE.get(key))).forEach(p -> out.add(where + p));
                OfficialModels.problems(key, json).forEach(p -> out.add(where + p));
            } else {
                out.add(where + "no schema known for this kind");
            }
            return out;
        } catch (IOException e) {
            return List.of(where + "does not read as its kind: " + e.getMessage());
        }
    }

    private Schema schema(String resource) {
        return loaded.computeIfAbsent(resource, r -> {
            try (InputStream in = KindSchemas.class.getResourceAsStream("/schemas/" + r)) {
                return REGISTRY.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
