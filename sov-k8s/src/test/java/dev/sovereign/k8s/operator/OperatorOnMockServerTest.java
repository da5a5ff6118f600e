package dev.sovereign.k8s.operator;

import static dev.sovereign.k8s.operator.OperatorTestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.render.Manifests;
import dev.sovereign.k8s.render.RenderOptions;
import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.k8s.yaml.Tree;
import dev.sovereign.spec.inference.InferenceService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator against fabric8's mock API server in CRUD mode, behind a dispatcher that
 * answers server-side apply and refuses changes to a Job's template as kube-apiserver does
 * ({@link ServerSideApplyDispatcher}). The mock runs no controllers, so the test plays the
 * Deployment and Job controllers by writing their status. The resync period is an hour:
 * whatever happens here is driven by informers.
 */
class OperatorOnMockServerTest extends OnApplyingMockServer {

    private static final String QWEN = "xplane-qwen3-8b";
    private static int tests;
    private OperatorTestCluster cluster;
    private OperatorMetrics metrics;
    private RunningOperator operator;

    @BeforeEach
    void start() {
        // The mock server lives for the whole class; a namespace per test keeps tests apart.
        cluster = new OperatorTestCluster(mock, "test-" + ++tests);
        startOperator(RenderOptions.defaults());
    }

    private void startOperator(RenderOptions options) {
        metrics = new OperatorMetrics();
        operator = cluster.start(OperatorConfig.of(options).withResync(Duration.ofHours(1)), metrics);
    }

    @AfterEach
    void stop() {
        operator.stop();
    }

    @Test
    void createsOwnedObjectsByApplyReportsMissingCrdsThenScalesOnceKedaIsInstalled() throws Exception {
        InferenceServiceResource created = cluster.create(QWEN);
        await(() -> cluster.deployment(QWEN) != null && cluster.get("v1", "Service", "services", QWEN) != null
                && cluster.job(QWEN + "-preload-main") != null);
        GenericKubernetesResource deployment = cluster.deployment(QWEN);
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo(created.getMetadata().getUid()));
        assertThat(deployment.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by",
                "sovereign-operator");
        List<ServerSideApplyDispatcher.Apply> applies = cluster.dispatcher().applies().stream()
                .filter(a -> a.path().equals(cluster.path("apps/v1", "deployments", QWEN)))
                .toList();
        assertThat(applies).as("the Deployment is written by server-side apply").isNotEmpty()
                .allSatisfy(a -> assertThat(a.fieldManager()).isEqualTo("sovereign-operator"));
        assertThat(cluster.dispatcher().requests()).as("apply patches force ownership of conflicting fields")
                .anyMatch(r -> r.startsWith("PATCH " + cluster.path("apps/v1", "deployments", QWEN))
                        && r.contains("fieldManager=sovereign-operator") && r.contains("force=true"));

        await(() -> cluster.condition(QWEN, StatusObserver.SCALING) != null);
        assertThat(cluster.condition(QWEN, StatusObserver.SCALING).getReason()).isEqualTo("KedaNotInstalled");
        assertThat(cluster.condition(QWEN, StatusObserver.INTEGRATIONS).getMessage())
                .contains("scaledobjects.keda.sh", "servicemonitors.monitoring.coreos.com");
        assertThat(cluster.get("keda.sh/v1alpha1", "ScaledObject", "scaledobjects", QWEN)).isNull();

        // No periodic re-check within this test: only the CRD informer can tell the operator.
        cluster.installCrd("scaledobjects.keda.sh", "keda.sh", "ScaledObject", "scaledobjects", "v1alpha1");
        await(() -> cluster.get("keda.sh/v1alpha1", "ScaledObject", "scaledobjects", QWEN) != null);
        await(() -> "True".equals(cluster.condition(QWEN, StatusObserver.SCALING).getStatus()));
        assertThat(cluster.condition(QWEN, StatusObserver.INTEGRATIONS).getMessage())
                .doesNotContain("keda").contains("servicemonitors");
    }

    @Test
    void readyFollowsTheJobAndDeploymentWithObservedGenerationAndUrl() throws Exception {
        cluster.create(QWEN);
        await(() -> cluster.condition(QWEN, StatusObserver.READY) != null);
        assertThat(cluster.condition(QWEN, StatusObserver.READY).getStatus()).isEqualTo("False");
        assertThat(cluster.condition(QWEN, StatusObserver.READY).getReason()).isEqualTo("WeightsNotReady");
        assertThat(cluster.condition(QWEN, StatusObserver.WEIGHTS_READY).getStatus()).isEqualTo("False");
        assertThat(cluster.condition(QWEN, StatusObserver.AVAILABLE).getStatus()).isEqualTo("False");

        cluster.writeStatus("batch/v1", "Job", "jobs", QWEN + "-preload-main", Map.of("succeeded", 1));
        await(() -> "True".equals(cluster.condition(QWEN, StatusObserver.WEIGHTS_READY).getStatus()));
        assertThat(cluster.condition(QWEN, StatusObserver.READY).getStatus()).as("no replica yet").isEqualTo("False");
        assertThat(cluster.condition(QWEN, StatusObserver.READY).getReason()).isEqualTo("NoReadyReplicas");

        cluster.writeStatus("apps/v1", "Deployment", "deployments", QWEN, Map.of("readyReplicas", 1));
        await(() -> "True".equals(cluster.condition(QWEN, StatusObserver.READY).getStatus()));
        InferenceServiceResource now = cluster.resource(QWEN);
        assertThat(cluster.condition(QWEN, StatusObserver.AVAILABLE).getStatus()).isEqualTo("True");
        assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
        assertThat(now.getStatus().getConditions()).allSatisfy(
                c -> assertThat(c.getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration()));
        assertThat(now.getStatus().getUrl()).isEqualTo("http://" + QWEN + "." + cluster.namespace() + ".svc:8000/v1");
        assertThat(now.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(now.getStatus().getPhase()).isEqualTo("Ready");
        assertThat(now.getStatus().getServedModelsSummary()).isEqualTo(QWEN);
        assertThat(cluster.dispatcher().applies()).as("the status is written by an apply patch of the subresource")
                .anyMatch(a -> a.path().endsWith("/inferenceservices/" + QWEN + "/status")
                        && a.path().contains("/namespaces/" + cluster.namespace() + "/"));

        cluster.writeStatus("apps/v1", "Deployment", "deployments", QWEN, Map.of("readyReplicas", 0));
        await(() -> "False".equals(cluster.condition(QWEN, StatusObserver.READY).getStatus()));
    }

    @Test
    void aFieldNoLongerRenderedDisappearsFromTheObject() throws Exception {
        cluster.create(QWEN);
        await(() -> cluster.deployment(QWEN) != null);
        Set<String> before = podSpecKeys(cluster.deployment(QWEN));
        // The embedded engine needs no GPU: the GPU scheduling fields are no longer rendered.
        cluster.editSpec(QWEN, spec -> spec.put("engine", Map.of("kind", "embedded")));
        Set<String> rendered = podSpecKeys(rendered(cluster.resource(QWEN)));
        Set<String> dropped = new HashSet<>(before);
        dropped.removeAll(rendered);
        assertThat(dropped).as("the edit drops pod spec fields, else this test proves nothing").isNotEmpty();

        await(() -> podSpecKeys(cluster.deployment(QWEN)).equals(rendered));
        ServerSideApplyDispatcher.Apply last = cluster.dispatcher().applies().stream()
                .filter(a -> a.path().equals(cluster.path("apps/v1", "deployments", QWEN))).toList().getLast();
        assertThat(keys(Tree.at(last.body(), "spec", "template", "spec"))).as("the apply patch no longer carries them").doesNotContainAnyElementsOf(dropped);
    }

    @Test
    void anAdapterAddedToARunningModelReplacesThePreloadJob() throws Exception {
        cluster.create(QWEN);
        String job = QWEN + "-preload-main";
        await(() -> cluster.job(job) != null);
        cluster.writeStatus("batch/v1", "Job", "jobs", job, Map.of("succeeded", 1));
        String uid = cluster.job(job).getMetadata().getUid();

        cluster.editSpec(QWEN, spec -> spec.put("loraAdapters",
                List.of(Map.of("name", "sql", "repository", "org/sql-lora"))));
        // Same revision, same Job name, a different pod template: it must be a new Job.
        await(() -> {
            GenericKubernetesResource now = cluster.job(job); // once: it may be gone between two reads
            return now != null && !uid.equals(now.getMetadata().getUid());
        });
        assertThat(ManifestYaml.write(cluster.job(job).getAdditionalProperties())).contains("org/sql-lora");
        String jobPath = cluster.path("batch/v1", "jobs", job);
        List<String> requests = List.copyOf(cluster.dispatcher().requests());
        int deleted = requests.indexOf(requests.stream().filter(r -> r.startsWith("DELETE " + jobPath)).findFirst()
                .orElseThrow());
        assertThat(requests.subList(deleted, requests.size())).as("applied again (so created) after the delete")
                .anyMatch(r -> r.startsWith("PATCH " + jobPath + "?"));
        assertThat(cluster.dispatcher().rejected()).as("the Job was never patched in place").isEmpty();
        await(() -> "Preloading".equals(cluster.condition(QWEN, StatusObserver.WEIGHTS_READY).getReason()));
        await(() -> cluster.events(QWEN).stream().anyMatch(e -> "Replaced".equals(e.getReason())));
    }

    @Test
    void objectsNoLongerDesiredArePrunedOthersLeftAlone() throws Exception {
        InferenceServiceResource created = cluster.create(QWEN);
        await(() -> cluster.job(QWEN + "-preload-main") != null
                && cluster.get("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", QWEN + "-preload") != null);
        // Same instance label, not managed by the operator: a user's object.
        Service users = mock.client().services().inNamespace(cluster.namespace()).resource(new ServiceBuilder()
                .withNewMetadata().withName(QWEN + "-debug").addToLabels("app.kubernetes.io/instance", QWEN).endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
        // Managed-by label but another owner: not this InferenceService's to delete.
        mock.client().services().inNamespace(cluster.namespace()).resource(new ServiceBuilder()
                .withNewMetadata().withName(QWEN + "-other").addToLabels("app.kubernetes.io/instance", QWEN)
                .addToLabels("app.kubernetes.io/managed-by", "sovereign-operator")
                .addNewOwnerReference().withApiVersion("sovereign.dev/v1alpha1").withKind("InferenceService")
                .withName("someone-else").withUid("00000000-0000-0000-0000-000000000000").endOwnerReference()
                .endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();

        cluster.editSpec(QWEN, spec -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> model = (Map<String, Object>) spec.get("model");
            model.put("preload", Map.of("enabled", false));
        });
        await(() -> cluster.job(QWEN + "-preload-main") == null
                && cluster.get("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", QWEN + "-preload") == null);
        assertThat(cluster.deployment(QWEN)).isNotNull();
        assertThat(cluster.get("v1", "Service", "services", users.getMetadata().getName())).isNotNull();
        assertThat(cluster.get("v1", "Service", "services", QWEN + "-other")).isNotNull();
        await(() -> "Present".equals(cluster.condition(QWEN, StatusObserver.WEIGHTS_READY).getReason()));
        assertThat(created.getMetadata().getUid()).isEqualTo(cluster.resource(QWEN).getMetadata().getUid());
    }

    @Test
    void aDeploymentEditedBySomeoneElseIsPutBackAndTheOperatorsOwnApplyDoesNotWakeItAgain() throws Exception {
        cluster.create(QWEN);
        await(() -> cluster.deployment(QWEN) != null && cluster.condition(QWEN, StatusObserver.READY) != null);
        String image = (String) Tree.at(cluster.deployment(QWEN).getAdditionalProperties(),
                "spec", "template", "spec", "containers", 0, "image");

        cluster.editSpec(QWEN, spec -> spec.put("engineArgs", List.of("--enforce-eager")));
        await(() -> ManifestYaml.write(cluster.deployment(QWEN).getAdditionalProperties()).contains("--enforce-eager"));
        Thread.sleep(2000); // time for a second pass, were the operator's own write to wake it
        assertThat(deploymentApplies()).as("one apply for one edit: its own write did not start another pass")
                .isEqualTo(2);

        OperatorTestCluster.onConflictRetry(() -> {
            GenericKubernetesResource deployment = cluster.deployment(QWEN);
            @SuppressWarnings("unchecked")
            Map<String, Object> container = (Map<String, Object>) Tree.at(deployment.getAdditionalProperties(),
                    "spec", "template", "spec", "containers", 0);
            container.put("image", "registry.invalid/someone-else:latest");
            mock.client().resource(deployment).update();
        });
        await(() -> image.equals(Tree.at(cluster.deployment(QWEN).getAdditionalProperties(),
                "spec", "template", "spec", "containers", 0, "image")));
        assertThat(deploymentApplies()).isEqualTo(3);
    }

    private long deploymentApplies() {
        String path = cluster.path("apps/v1", "deployments", QWEN);
        return cluster.dispatcher().applies().stream().filter(a -> a.path().equals(path)).count();
    }

    @Test
    void revisionBumpRollsTheDeploymentAndReplacesThePreloadJob() throws Exception {
        cluster.create(QWEN);
        await(() -> cluster.job(QWEN + "-preload-main") != null);
        InferenceServiceResource current = cluster.resource(QWEN);
        cluster.editSpec(QWEN, spec -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> model = (Map<String, Object>) spec.get("model");
            model.put("revision", "0123456789abcdef0123456789abcdef01234567");
        });
        await(() -> cluster.job(QWEN + "-preload-01234567") != null && cluster.job(QWEN + "-preload-main") == null);
        await(() -> ManifestYaml.write(cluster.deployment(QWEN).getAdditionalProperties())
                .contains("/models/0123456789abcdef0123456789abcdef01234567"));
        InferenceServiceResource after = cluster.resource(QWEN);
        assertThat(after.getMetadata().getGeneration()).isGreaterThan(current.getMetadata().getGeneration());
        await(() -> after.getMetadata().getGeneration().equals(cluster.resource(QWEN).getStatus().getObservedGeneration()));
    }

    @Test
    void invalidSpecIsReportedInTheStatusAndNothingIsCreated() throws Exception {
        InferenceServiceResource bad = cluster.read(QWEN);
        bad.getMetadata().setName("bad");
        @SuppressWarnings("unchecked")
        Map<String, Object> scaling = (Map<String, Object>) bad.getSpec().get("scaling");
        scaling.put("minReplicas", 5);
        mock.client().resource(bad).create();
        await(() -> cluster.condition("bad", StatusObserver.SPEC_VALID) != null);
        assertThat(cluster.condition("bad", StatusObserver.SPEC_VALID).getMessage()).contains("scaling.minReplicas");
        assertThat(cluster.condition("bad", StatusObserver.READY).getStatus()).isEqualTo("False");
        assertThat(cluster.deployment("bad")).isNull();
    }

    @Test
    void envoyRouteWaitsForAReadyReplicaThenStaysWhenItIsLost() throws Exception {
        operator.stop();
        startOperator(RenderOptions.defaults().withAiGateway(RenderOptions.ENVOY));
        cluster.installCrd("backends.gateway.envoyproxy.io", "gateway.envoyproxy.io", "Backend", "backends", "v1alpha1");
        cluster.installCrd("aiservicebackends.aigateway.envoyproxy.io", "aigateway.envoyproxy.io", "AIServiceBackend",
                "aiservicebackends", "v1alpha1");
        cluster.installCrd("aigatewayroutes.aigateway.envoyproxy.io", "aigateway.envoyproxy.io", "AIGatewayRoute",
                "aigatewayroutes", "v1alpha1");
        String coder = "xplane-qwen-coder";
        cluster.create(coder);
        await(() -> cluster.get("aigateway.envoyproxy.io/v1alpha1", "AIServiceBackend", "aiservicebackends",
                coder + "-canary-0") != null);
        assertThat(route(coder)).isNull();

        cluster.writeStatus("apps/v1", "Deployment", "deployments", coder, Map.of("readyReplicas", 1));
        await(() -> route(coder) != null);
        assertThat(ManifestYaml.write(route(coder).getAdditionalProperties()))
                .contains("modelNameOverride: xplane-qwen-coder-sql-dpo");
        await(() -> "https://llm.priv.cloud.ogenki.io/v1".equals(cluster.resource(coder).getStatus().getModelEndpoint()));

        cluster.writeStatus("apps/v1", "Deployment", "deployments", coder, Map.of("readyReplicas", 0));
        await(() -> "False".equals(cluster.condition(coder, StatusObserver.AVAILABLE).getStatus()));
        assertThat(route(coder)).isNotNull();
    }

    private GenericKubernetesResource route(String name) {
        return cluster.get("aigateway.envoyproxy.io/v1alpha1", "AIGatewayRoute", "aigatewayroutes", name);
    }

    @Test
    void deleteRemovesEveryOwnedObject() throws Exception {
        String fim = "xplane-qwen-coder-fim";
        cluster.create(fim);
        await(() -> cluster.deployment(fim) != null && cluster.get("v1", "Service", "services", fim) != null);
        mock.client().resource(cluster.resource(fim)).delete();
        await(() -> cluster.deployment(fim) == null
                && cluster.get("v1", "Service", "services", fim) == null
                && cluster.get("v1", "ServiceAccount", "serviceaccounts", fim) == null);
        await(() -> cluster.resource(fim) == null);
    }

    @Test
    void aQuietModelCostsNoApiCallsAndAnEditCostsOneApplyPerObject() throws Exception {
        cluster.create(QWEN);
        await(() -> cluster.condition(QWEN, StatusObserver.READY) != null);
        cluster.writeStatus("batch/v1", "Job", "jobs", QWEN + "-preload-main", Map.of("succeeded", 1));
        await(() -> "True".equals(cluster.condition(QWEN, StatusObserver.WEIGHTS_READY).getStatus()));
        Thread.sleep(1000); // let the last status write settle

        long quietStart = metrics.apiRequests();
        long reconcilesStart = metrics.reconciliations();
        // A controller's status write wakes the operator, which finds nothing to apply.
        cluster.writeStatus("apps/v1", "Deployment", "deployments", QWEN,
                Map.of("readyReplicas", 1, "observedGeneration", 1));
        await(() -> "True".equals(cluster.condition(QWEN, StatusObserver.READY).getStatus()));
        Thread.sleep(1000);
        long wakeCalls = metrics.apiRequests() - quietStart;
        assertThat(metrics.reconciliations()).isGreaterThan(reconcilesStart);
        // Only the status patch: no GET, no apply, no list.
        assertThat(wakeCalls).as("API calls of a reconcile with nothing to apply").isLessThanOrEqualTo(1);

        long idleStart = metrics.apiRequests();
        Thread.sleep(3000);
        assertThat(metrics.apiRequests() - idleStart).as("API calls while nothing happens").isZero();

        long editStart = metrics.apiRequests();
        cluster.editSpec(QWEN, spec -> spec.put("engineArgs", List.of("--enforce-eager")));
        await(() -> ManifestYaml.write(cluster.deployment(QWEN).getAdditionalProperties()).contains("--enforce-eager"));
        Thread.sleep(1000);
        long editCalls = metrics.apiRequests() - editStart;
        int objects = rendered(cluster.resource(QWEN)).size();
        System.out.printf("operator API calls: %d for a reconcile with nothing to apply, %d while idle, %d for an edit "
                + "of a model of %d objects%n", wakeCalls, 0, editCalls, objects);
        assertThat(editCalls).as("an edit: one apply per object, one list per kind, the Job's GET, the status")
                .isLessThanOrEqualTo(objects + KindCatalog.ALL.size() + 2);
    }

    /** What the renderer makes of the resource now, the first of its objects being its Deployment. */
    private static List<Map<String, Object>> rendered(InferenceServiceResource resource) {
        InferenceService service = SpecReader.read(resource).value();
        return new Manifests(RenderOptions.defaults()).render(service);
    }

    private static Set<String> podSpecKeys(List<Map<String, Object>> objects) {
        Map<String, Object> deployment = objects.stream().filter(o -> "Deployment".equals(o.get("kind"))).findFirst()
                .orElseThrow();
        return keys(Tree.at(deployment, "spec", "template", "spec"));
    }

    private static Set<String> podSpecKeys(GenericKubernetesResource deployment) {
        return keys(Tree.at(deployment.getAdditionalProperties(), "spec", "template", "spec"));
    }

    private static Set<String> keys(Object map) {
        return map instanceof Map<?, ?> m ? new HashSet<>(m.keySet().stream().map(String::valueOf).toList()) : Set.of();
    }
}
