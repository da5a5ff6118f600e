package dev.sovereign.k8s.helm;

import static dev.sovereign.k8s.yaml.Tree.at;
import static dev.sovereign.k8s.yaml.Tree.listAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.crd.InferenceServiceCrd;
import dev.sovereign.k8s.render.Golden;
import dev.sovereign.k8s.schema.KindSchemas;
import dev.sovereign.k8s.yaml.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/helm/sovereign renders with its default values, every object passes its kind's
 * schema, the CRD in crds/ is the one generated from the spec, and the RBAC grants exactly
 * the kinds the operator renders.
 */
class HelmChartTest {

    private static final Path CHART = Golden.root().resolve("deploy/helm/sovereign");

    @Test
    void crdInTheChartIsTheOneGeneratedFromTheSpec() throws IOException {
        Golden.check(CHART.resolve("crds/inferenceservices.sovereign.dev.yaml"),
                "# Generated from sov-spec by sov-k8s (InferenceServiceCrd); do not edit.\n"
                        + ManifestYaml.write(List.of(InferenceServiceCrd.definition())));
    }

    @Test
    void everyRenderedObjectPassesItsSchema() throws IOException {
        List<Map<String, Object>> objects = render(values());
        assertThat(objects).extracting(o -> o.get("kind")).contains("Deployment", "ClusterRole", "ClusterRoleBinding",
                "Service", "ConfigMap", "NetworkPolicy", "ServiceMonitor", "ServiceAccount");
        KindSchemas schemas = new KindSchemas();
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(schemas.problems(o)));
        objects.addAll(crd());
        schemas.problems(crd().getFirst()).forEach(problems::add);
        assertThat(problems).isEmpty();
    }

    @Test
    void switchedOffPartsRenderNothing() throws IOException {
        Map<String, Object> values = values();
        ((Map<String, Object>) values.get("gateway")).put("enabled", false);
        ((Map<String, Object>) values.get("serviceMonitor")).put("enabled", false);
        assertThat(render(values)).extracting(o -> at(o, "metadata", "name"))
                .doesNotContain("sovereign-gateway").contains("sovereign-operator");
    }

    @Test
    void operatorMayManageExactlyTheKindsItRenders() throws IOException {
        Map<String, Object> role = render(values()).stream().filter(o -> "ClusterRole".equals(o.get("kind")))
                .findFirst().orElseThrow();
        List<String> writable = new ArrayList<>();
        for (Object rule : listAt(role, "rules")) {
            if (listAt(rule, "verbs").contains("create")) {
                for (Object group : listAt(rule, "apiGroups")) {
                    listAt(rule, "resources").forEach(r -> writable.add(group + "/" + r));
                }
            }
            assertThat(listAt(rule, "resources")).doesNotContain("secrets", "pods", "*");
        }
        assertThat(writable).containsExactlyInAnyOrder("/events", "/serviceaccounts", "/services", "apps/deployments",
                "batch/jobs", "networking.k8s.io/networkpolicies", "keda.sh/scaledobjects",
                "cilium.io/ciliumnetworkpolicies", "monitoring.coreos.com/servicemonitors",
                "monitoring.coreos.com/prometheusrules", "operator.victoriametrics.com/vmservicescrapes",
                "operator.victoriametrics.com/vmrules", "external-secrets.io/externalsecrets",
                "gateway.networking.k8s.io/httproutes", "gateway.envoyproxy.io/backends",
                "aigateway.envoyproxy.io/aiservicebackends", "aigateway.envoyproxy.io/aigatewayroutes",
                "helm.toolkit.fluxcd.io/helmreleases");
    }

    @Test
    void gatewayDiscoveryMayOnlyListAndWatchInferenceServicesAndEndpointSlicesOfTheModelsNamespace() throws IOException {
        List<Map<String, Object>> objects = render(values());
        // The operator's Lease Role lives in the release namespace; the gateway's in the models' one.
        Map<String, Object> role = objects.stream().filter(o -> "Role".equals(o.get("kind"))
                && "llm".equals(at(o, "metadata", "namespace"))).findFirst().orElseThrow();
        List<String> granted = new ArrayList<>();
        for (Object rule : listAt(role, "rules")) {
            for (Object group : listAt(rule, "apiGroups")) {
                listAt(rule, "resources").forEach(r -> granted.add(group + "/" + r + " " + listAt(rule, "verbs")));
            }
        }
        assertThat(granted).containsExactlyInAnyOrder("sovereign.dev/inferenceservices [list, watch]",
                "discovery.k8s.io/endpointslices [list, watch]");
        Map<String, Object> binding = objects.stream().filter(o -> "RoleBinding".equals(o.get("kind"))
                && "llm".equals(at(o, "metadata", "namespace"))).findFirst().orElseThrow();
        assertThat(listAt(binding, "subjects")).singleElement()
                .satisfies(s -> assertThat(at(s, "name")).isEqualTo("sovereign-gateway"));
        Map<String, Object> gateway = objects.stream().filter(o -> "Deployment".equals(o.get("kind"))
                && "sovereign-gateway".equals(at(o, "metadata", "name"))).findFirst().orElseThrow();
        assertThat(at(gateway, "spec", "template", "spec", "automountServiceAccountToken")).isEqualTo(true);
        assertThat(ManifestYaml.write(gateway)).contains("- --discover").doesNotContain("models.yaml");

        Map<String, Object> values = values();
        ((Map<String, Object>) ((Map<String, Object>) values.get("gateway")).get("discovery")).put("enabled", false);
        List<Map<String, Object>> withFiles = render(values);
        assertThat(withFiles).filteredOn(o -> "llm".equals(at(o, "metadata", "namespace")))
                .extracting(o -> o.get("kind")).doesNotContain("Role", "RoleBinding");
        Map<String, Object> fileGateway = withFiles.stream().filter(o -> "Deployment".equals(o.get("kind"))
                && "sovereign-gateway".equals(at(o, "metadata", "name"))).findFirst().orElseThrow();
        assertThat(at(fileGateway, "spec", "template", "spec", "automountServiceAccountToken")).isEqualTo(false);
        assertThat(ManifestYaml.write(fileGateway)).contains("- --models", "models.yaml");
    }

    @Test
    void operatorHasProbesMetricsAndMayUseOnlyItsOwnLease() throws IOException {
        List<Map<String, Object>> objects = render(values());
        Map<String, Object> operator = objects.stream().filter(o -> "Deployment".equals(o.get("kind"))
                && "sovereign-operator".equals(at(o, "metadata", "name"))).findFirst().orElseThrow();
        Object container = listAt(at(operator, "spec", "template", "spec"), "containers").getFirst();
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/healthz");
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
        assertThat(listAt(container, "ports")).singleElement()
                .satisfies(p -> assertThat(at(p, "containerPort")).isEqualTo(8081));
        assertThat(listAt(container, "args")).contains("--health-port=8081", "--lease-name=sovereign-operator");
        assertThat(ManifestYaml.write(container)).contains("POD_NAMESPACE", "metadata.namespace");

        Map<String, Object> lease = objects.stream().filter(o -> "Role".equals(o.get("kind"))
                && "sovereign-operator-lease".equals(at(o, "metadata", "name"))).findFirst().orElseThrow();
        assertThat(at(lease, "metadata", "namespace")).isEqualTo("sovereign");
        for (Object rule : listAt(lease, "rules")) {
            assertThat(listAt(rule, "resources")).containsExactly("leases");
            if (!listAt(rule, "verbs").equals(List.of("create"))) {
                // Reading and renewing: only the Lease the operator's --lease-name names.
                assertThat(listAt(rule, "resourceNames")).containsExactly("sovereign-operator");
            }
        }
        Map<String, Object> clusterRole = objects.stream().filter(o -> "ClusterRole".equals(o.get("kind")))
                .findFirst().orElseThrow();
        assertThat(listAt(clusterRole, "rules")).anySatisfy(r -> {
            assertThat(listAt(r, "resources")).contains("customresourcedefinitions");
            assertThat(listAt(r, "verbs")).contains("list", "watch").doesNotContain("create", "update", "patch");
        });
    }

    @Test
    void templateSubsetRendererRefusesWhatItDoesNotKnow() {
        ChartTemplates templates = new ChartTemplates(Map.of("a", "x"), "r", "ns");
        assertThat(templates.render("k: {{ .Values.a }}\n{{- if .Values.a }}\nz: 1\n{{- end }}\n"))
                .isEqualTo("k: x\nz: 1\n");
        assertThat(templates.render("{{- if not .Values.a }}\ny: 1\n{{- else }}\nn: 1\n{{- end }}\n")).isEqualTo("\nn: 1\n");
        assertThat(templates.render("{{- if .Values.a }}\n{{- if not .Values.a }}\ny: 1\n{{- else }}\nn: 1\n{{- end }}\n{{- end }}\n"))
                .isEqualTo("\nn: 1\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> templates.render("{{ include \"x\" . }}"))
                .hasMessageContaining("unsupported");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values() throws IOException {
        return (Map<String, Object>) ManifestYaml.read(Files.readString(CHART.resolve("values.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> render(Map<String, Object> values) throws IOException {
        ChartTemplates templates = new ChartTemplates(values, "sovereign", "sovereign");
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            for (Path file : files.sorted().toList()) {
                for (String document : templates.render(Files.readString(file)).split("(?m)^---$")) {
                    Object parsed = document.isBlank() ? null : ManifestYaml.read(document);
                    if (parsed instanceof Map<?, ?> map) {
                        out.add(new LinkedHashMap<>((Map<String, Object>) map));
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> crd() throws IOException {
        String text = Files.readString(CHART.resolve("crds/inferenceservices.sovereign.dev.yaml"));
        return List.of((Map<String, Object>) ManifestYaml.read(text.substring(text.indexOf("---") + 4)));
    }
}
