package dev.sovereign.k8s.helm;

import static dev.sovereign.k8s.yaml.Tree.at;
import static dev.sovereign.k8s.yaml.Tree.listAt;
import static dev.sovereign.k8s.yaml.Tree.mapAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import dev.sovereign.k8s.cluster.ClusterProfile;
import dev.sovereign.k8s.crd.InferenceServiceCrd;
import dev.sovereign.k8s.render.Golden;
import dev.sovereign.k8s.schema.KindSchemas;
import dev.sovereign.k8s.yaml.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/helm/sovereign through the real Helm library: lint and template with the default
 * values and with the reference platform's cluster profile, every object against its kind's
 * schema, values.schema.json refusing bad values, the chart's own refusals, the CRD in crds/
 * being the one generated from the spec, and the RBAC granting exactly the kinds the operator
 * renders.
 */
class HelmChartTest {

    private static final Path REFERENCE = Golden.root().resolve("examples/cluster/reference.yaml");

    @TempDir
    Path temp;

    @Test
    void crdInTheChartIsTheOneGeneratedFromTheSpec() throws IOException {
        Golden.check(Chart.DIR.resolve("crds/inferenceservices.sovereign.dev.yaml"),
                "# Generated from sov-spec by sov-k8s (InferenceServiceCrd); do not edit.\n"
                        + ManifestYaml.write(List.of(InferenceServiceCrd.definition())));
    }

    @Test
    void helmLintPassesWithTheDefaultValuesAndWithTheReferenceProfile() throws IOException {
        LintResult plain = Chart.lint(Chart.DIR);
        assertThat(plain.isFailed()).as("%s", plain.getMessages()).isFalse();
        LintResult reference = Chart.lint(Chart.withCluster(REFERENCE, temp));
        assertThat(reference.isFailed()).as("%s", reference.getMessages()).isFalse();
    }

    @Test
    void helmLintFailsOnABrokenChart() throws IOException {
        Path copy = Chart.withCluster(REFERENCE, temp);
        Files.writeString(copy.resolve("templates/broken.yaml"), "{{ if .Values.gateway.enabled }}\nkind: x\n");
        LintResult broken = Chart.lint(copy);
        assertThat(broken.isFailed()).isTrue();
        assertThat(String.join("\n", broken.getMessages())).contains("broken.yaml");
    }

    @Test
    void everyTemplatedObjectPassesItsSchemaWithBothProfiles() throws IOException {
        Path reference = Chart.withCluster(REFERENCE, temp);
        KindSchemas schemas = new KindSchemas();
        for (List<Map<String, Object>> objects : List.of(Chart.template(), Chart.template(reference,
                t -> t.set("serviceMonitor.skipCrdCheck", true).set("modelCache.create", true)))) {
            assertThat(objects).extracting(o -> o.get("kind")).contains("Deployment", "ClusterRole",
                    "ClusterRoleBinding", "Service", "ConfigMap", "NetworkPolicy", "ServiceAccount");
            List<String> problems = new ArrayList<>();
            objects.forEach(o -> problems.addAll(schemas.problems(o)));
            assertThat(problems).isEmpty();
        }
        problemsOfTheCrd(schemas);
    }

    private static void problemsOfTheCrd(KindSchemas schemas) throws IOException {
        String text = Files.readString(Chart.DIR.resolve("crds/inferenceservices.sovereign.dev.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> crd = (Map<String, Object>) ManifestYaml.read(text.substring(text.indexOf("---") + 4));
        assertThat(schemas.problems(crd)).isEmpty();
    }

    @Test
    void theOperatorGetsTheProfileTheJavaReaderReads() throws IOException {
        ClusterProfile plain = profileIn(Chart.template());
        ClusterProfile expected = ClusterProfile.plain();
        assertThat(plain.gpu()).isEqualTo(expected.gpu());
        assertThat(plain.scraper()).isEqualTo(expected.scraper());
        assertThat(plain.namespaces().gateway()).as("the gateway lives in the release's namespace").isEqualTo(Chart.NAMESPACE);

        List<Map<String, Object>> objects = Chart.template(Chart.withCluster(REFERENCE, temp), t -> t);
        assertThat(profileIn(objects)).isEqualTo(ClusterProfile.load(REFERENCE));
        Map<String, Object> operator = Chart.one(objects, "Deployment", "sovereign-operator");
        assertThat(listAt(operator, "spec", "template", "spec", "containers", 0, "args"))
                .contains("--cluster=/etc/sovereign/cluster.yaml");
    }

    private static ClusterProfile profileIn(List<Map<String, Object>> objects) {
        return ClusterProfile.parse((String) at(Chart.one(objects, "ConfigMap", "sovereign-cluster"), "data", "cluster.yaml"),
                "chart ConfigMap");
    }

    @Test
    void moreThanOneGatewayReplicaNeedsThePostgresqlState() {
        assertThatThrownBy(() -> Chart.template(t -> t.set("gateway.replicas", 2)))
                .hasMessageContaining("gateway.replicas > 1 needs shared state: set gateway.state.url");
        List<Map<String, Object>> objects = Chart.template(t -> t.set("gateway.replicas", 3)
                .set("gateway.state.url", "postgresql://db.sovereign.svc:5432/sovereign")
                .set("gateway.state.user", "sov").set("gateway.state.passwordSecret.name", "sovereign-db"));
        Map<String, Object> gateway = Chart.one(objects, "Deployment", "sovereign-gateway");
        assertThat(at(gateway, "spec", "replicas")).isEqualTo(3);
        assertThat(listAt(gateway, "spec", "template", "spec", "containers", 0, "env")).anySatisfy(env -> {
            assertThat(at(env, "name")).isEqualTo("SOV_STATE_PASSWORD");
            assertThat(at(env, "valueFrom", "secretKeyRef", "name")).isEqualTo("sovereign-db");
        });
        String sovYaml = (String) at(Chart.one(objects, "ConfigMap", "sovereign-gateway"), "data", "sov.yaml");
        Object config = ManifestYaml.read(sovYaml);
        assertThat(mapAt(config, "gateway", "state")).isEqualTo(Map.of("url", "postgresql://db.sovereign.svc:5432/sovereign",
                "user", "sov", "password", Map.of("env", "SOV_STATE_PASSWORD")));
        assertThat(at(config, "gateway", "listen")).as("the rest of sov.yaml is kept").isEqualTo("0.0.0.0:8080");
        assertThat(GatewaySovYaml.problems(sovYaml)).as("the gateway's own parser accepts the rendered sov.yaml").isEmpty();
        assertThatThrownBy(() -> Chart.template(t -> t.set("gateway.replicas", 2)
                .set("gateway.state.url", "postgresql://db.sovereign.svc:5432/sovereign")))
                .hasMessageContaining("gateway.state.user is required");
        assertThat(at(Chart.one(Chart.template(), "Deployment", "sovereign-gateway"), "spec", "replicas")).isEqualTo(1);
    }

    @Test
    void valuesSchemaRefusesBadValuesByName() {
        Map<String, Object> bad = Map.of(
                "cluster.scraper.kind", "datadog",
                "gateway.replicas", "two",
                "gateway.replica", 2,
                "cluster.modelCache.size", "lots",
                "gateway.state.url", "mysql://db:3306/x");
        bad.forEach((key, value) -> assertThatThrownBy(() -> Chart.template(t -> t.set(key, value)))
                .as(key).hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(key.substring(key.lastIndexOf('.') + 1)));
    }

    @Test
    void theServiceMonitorIsRenderedOnlyWhereItsCrdIs() {
        assertThat(Chart.template()).extracting(o -> o.get("kind")).doesNotContain("ServiceMonitor");
        assertThat(Chart.template(t -> t.set("serviceMonitor.skipCrdCheck", true)))
                .extracting(o -> o.get("kind")).contains("ServiceMonitor");
        assertThat(Chart.template(t -> t.set("serviceMonitor.skipCrdCheck", true).set("serviceMonitor.enabled", false)))
                .extracting(o -> o.get("kind")).doesNotContain("ServiceMonitor");
    }

    @Test
    void podsTakeNodeSelectorTolerationsAffinityAndPullSecretsFromTheValues() throws IOException {
        Path values = temp.resolve("values.yaml");
        Files.writeString(values, """
                imagePullSecrets: [{name: regcred}]
                gateway:
                  nodeSelector: {pool: system}
                  tolerations: [{key: dedicated, operator: Equal, value: system, effect: NoSchedule}]
                  affinity:
                    podAntiAffinity:
                      preferredDuringSchedulingIgnoredDuringExecution:
                        - weight: 100
                          podAffinityTerm:
                            topologyKey: kubernetes.io/hostname
                            labelSelector: {matchLabels: {app.kubernetes.io/name: sovereign-gateway}}
                operator:
                  nodeSelector: {pool: system}
                """);
        List<Map<String, Object>> objects = Chart.template(t -> t.withValuesFile(values));
        Map<String, Object> gateway = mapAt(Chart.one(objects, "Deployment", "sovereign-gateway"), "spec", "template", "spec");
        assertThat(mapAt(gateway, "nodeSelector")).isEqualTo(Map.of("pool", "system"));
        assertThat(at(gateway, "tolerations", 0, "key")).isEqualTo("dedicated");
        assertThat(at(gateway, "affinity", "podAntiAffinity")).isNotNull();
        assertThat(listAt(gateway, "imagePullSecrets")).containsExactly(Map.of("name", "regcred"));
        Map<String, Object> operator = mapAt(Chart.one(objects, "Deployment", "sovereign-operator"), "spec", "template", "spec");
        assertThat(mapAt(operator, "nodeSelector")).isEqualTo(Map.of("pool", "system"));
        assertThat(listAt(operator, "imagePullSecrets")).containsExactly(Map.of("name", "regcred"));
        assertThat(mapAt(Chart.one(Chart.template(), "Deployment", "sovereign-gateway"), "spec", "template", "spec"))
                .doesNotContainKeys("nodeSelector", "tolerations", "affinity", "imagePullSecrets");
    }

    @Test
    void theGatewayAdmitsTheEvalAndScraperNamespacesOfTheProfile() throws IOException {
        List<Object> from = listAt(Chart.one(Chart.template(Chart.withCluster(REFERENCE, temp), t -> t),
                "NetworkPolicy", "sovereign-gateway"), "spec", "ingress", 0, "from");
        assertThat(from).extracting(p -> at(p, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                .containsExactly("apps", "promptfoo", "observability");
        List<Object> plain = listAt(Chart.one(Chart.template(t -> t.set("cluster.scraper.kind", "none")),
                "NetworkPolicy", "sovereign-gateway"), "spec", "ingress", 0, "from");
        assertThat(plain).extracting(p -> at(p, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                .containsExactly("apps", "sovereign");
    }

    @Test
    void theOperatorAdmitsOnlyTheScraperAndOnlyOnItsMetricsPort() throws IOException {
        Map<String, Object> policy = Chart.one(Chart.template(Chart.withCluster(REFERENCE, temp), t -> t),
                "NetworkPolicy", "sovereign-operator");
        assertThat(listAt(policy, "spec", "ingress")).singleElement().satisfies(rule -> {
            assertThat(listAt(rule, "from")).extracting(p -> at(p, "namespaceSelector", "matchLabels",
                    "kubernetes.io/metadata.name")).containsExactly("observability");
            assertThat(listAt(rule, "ports")).extracting(p -> at(p, "port")).containsExactly(8081);
        });
        Map<String, Object> closed = Chart.one(Chart.template(t -> t.set("cluster.scraper.kind", "none")),
                "NetworkPolicy", "sovereign-operator");
        assertThat(at(closed, "spec", "ingress")).as("no scraper: no ingress at all").isNull();
        assertThat(listAt(closed, "spec", "policyTypes")).contains("Ingress");
    }

    @Test
    void theChartsImagesComeThroughTheProfilesRegistry() {
        assertThat(at(Chart.one(Chart.template(), "Deployment", "sovereign-gateway"),
                "spec", "template", "spec", "containers", 0, "image")).isEqualTo("sovereign/sov:0.1.0");
        List<Map<String, Object>> mirrored = Chart.template(t -> t.set("cluster.imageRegistry", "mirror.internal:5000/team/"));
        for (String name : List.of("sovereign-gateway", "sovereign-operator")) {
            assertThat(at(Chart.one(mirrored, "Deployment", name), "spec", "template", "spec", "containers", 0, "image"))
                    .isEqualTo("mirror.internal:5000/team/sovereign/sov:0.1.0");
        }
    }

    @Test
    void theModelCacheClaimFollowsTheProfile() {
        assertThat(Chart.template()).extracting(o -> o.get("kind")).doesNotContain("PersistentVolumeClaim");
        Map<String, Object> claim = Chart.one(Chart.template(t -> t.set("modelCache.create", true)
                .set("cluster.modelCache.storageClass", "fast-rwx").set("cluster.modelCache.size", "500Gi")),
                "PersistentVolumeClaim", "llm-models");
        assertThat(at(claim, "metadata", "namespace")).isEqualTo("llm");
        assertThat(at(claim, "spec", "storageClassName")).isEqualTo("fast-rwx");
        assertThat(at(claim, "spec", "resources", "requests", "storage")).isEqualTo("500Gi");
    }

    @Test
    void switchedOffPartsRenderNothing() {
        assertThat(Chart.template(t -> t.set("gateway.enabled", false)))
                .extracting(o -> at(o, "metadata", "name"))
                .doesNotContain("sovereign-gateway").contains("sovereign-operator");
    }

    @Test
    void operatorMayManageExactlyTheKindsItRenders() {
        Map<String, Object> role = Chart.one(Chart.template(), "ClusterRole", "sovereign-operator");
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
                "batch/jobs", "networking.k8s.io/networkpolicies", "policy/poddisruptionbudgets", "keda.sh/scaledobjects",
                "cilium.io/ciliumnetworkpolicies", "monitoring.coreos.com/servicemonitors",
                "monitoring.coreos.com/prometheusrules", "operator.victoriametrics.com/vmservicescrapes",
                "operator.victoriametrics.com/vmrules", "external-secrets.io/externalsecrets",
                "gateway.networking.k8s.io/httproutes", "gateway.envoyproxy.io/backends",
                "aigateway.envoyproxy.io/aiservicebackends", "aigateway.envoyproxy.io/aigatewayroutes",
                "helm.toolkit.fluxcd.io/helmreleases");
    }

    @Test
    void gatewayDiscoveryMayOnlyListAndWatchInferenceServicesAndEndpointSlicesOfTheModelsNamespace() {
        List<Map<String, Object>> objects = Chart.template();
        // The operator's Lease Role lives in the release namespace; the gateway's in the models' one.
        Map<String, Object> role = Chart.one(objects, "Role", "sovereign-gateway-discovery");
        assertThat(at(role, "metadata", "namespace")).isEqualTo("llm");
        List<String> granted = new ArrayList<>();
        for (Object rule : listAt(role, "rules")) {
            for (Object group : listAt(rule, "apiGroups")) {
                listAt(rule, "resources").forEach(r -> granted.add(group + "/" + r + " " + listAt(rule, "verbs")));
            }
        }
        assertThat(granted).containsExactlyInAnyOrder("sovereign.dev/inferenceservices [list, watch]",
                "discovery.k8s.io/endpointslices [list, watch]");
        assertThat(listAt(Chart.one(objects, "RoleBinding", "sovereign-gateway-discovery"), "subjects")).singleElement()
                .satisfies(s -> assertThat(at(s, "name")).isEqualTo("sovereign-gateway"));
        Map<String, Object> gateway = Chart.one(objects, "Deployment", "sovereign-gateway");
        assertThat(at(gateway, "spec", "template", "spec", "automountServiceAccountToken")).isEqualTo(true);
        assertThat(ManifestYaml.write(gateway)).contains("- --discover").doesNotContain("models.yaml");

        List<Map<String, Object>> withFiles = Chart.template(t -> t.set("gateway.discovery.enabled", false));
        assertThat(withFiles).filteredOn(o -> "llm".equals(at(o, "metadata", "namespace")))
                .extracting(o -> o.get("kind")).doesNotContain("Role", "RoleBinding");
        Map<String, Object> fileGateway = Chart.one(withFiles, "Deployment", "sovereign-gateway");
        assertThat(at(fileGateway, "spec", "template", "spec", "automountServiceAccountToken")).isEqualTo(false);
        assertThat(ManifestYaml.write(fileGateway)).contains("- --models", "models.yaml");
    }

    @Test
    void operatorHasProbesMetricsAndMayUseOnlyItsOwnLease() {
        List<Map<String, Object>> objects = Chart.template();
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
}
