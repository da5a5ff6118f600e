package dev.sovereign.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.render.Fleet;
import dev.sovereign.k8s.render.KindContexts;
import dev.sovereign.k8s.render.RenderOptions;
import dev.sovereign.k8s.yaml.ManifestYaml;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator against fabric8's mock API server in CRUD mode (no server-side apply there,
 * so SSA is off): create, revision bump, optional CRD absent then installed, status
 * conditions and observedGeneration, delete. The mock runs no controllers, so the test
 * plays the Deployment and Job controllers by writing their status.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorOnMockServerTest {

    static KubernetesClient client;
    static KubernetesMockServer server;
    private static int tests;
    private static String namespace;
    private Operator operator;

    @BeforeEach
    void start() {
        // The mock server lives for the whole class; a namespace per test keeps tests apart.
        namespace = "test-" + ++tests;
        SovereignOperator.installCrd(client);
        operator = SovereignOperator.start(client, RenderOptions.defaults(), Duration.ofMillis(300), false);
    }

    @AfterEach
    void stop() {
        operator.stop();
    }

    @Test
    void createsOwnedObjectsReportsMissingCrdsThenScalesOnceKedaIsInstalled() throws Exception {
        InferenceServiceResource created = create("xplane-qwen3-8b");
        // One pass creates the objects one after the other: wait for the last of these, not the first.
        await(() -> deployment("xplane-qwen3-8b") != null && get("v1", "Service", "services", "xplane-qwen3-8b") != null
                && get("batch/v1", "Job", "jobs", "xplane-qwen3-8b-preload-main") != null);
        GenericKubernetesResource deployment = deployment("xplane-qwen3-8b");
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo(created.getMetadata().getUid()));
        assertThat(get("v1", "Service", "services", "xplane-qwen3-8b")).isNotNull();
        assertThat(get("batch/v1", "Job", "jobs", "xplane-qwen3-8b-preload-main")).isNotNull();

        await(() -> condition("xplane-qwen3-8b", StatusObserver.SCALING) != null);
        assertThat(condition("xplane-qwen3-8b", StatusObserver.SCALING).getReason()).isEqualTo("KedaNotInstalled");
        assertThat(condition("xplane-qwen3-8b", StatusObserver.INTEGRATIONS).getMessage())
                .contains("scaledobjects.keda.sh", "servicemonitors.monitoring.coreos.com");
        assertThat(get("keda.sh/v1alpha1", "ScaledObject", "scaledobjects", "xplane-qwen3-8b")).isNull();

        installCrd("scaledobjects.keda.sh", "keda.sh", "ScaledObject", "scaledobjects", "v1alpha1");
        await(() -> get("keda.sh/v1alpha1", "ScaledObject", "scaledobjects", "xplane-qwen3-8b") != null);
        await(() -> "True".equals(condition("xplane-qwen3-8b", StatusObserver.SCALING).getStatus()));
        assertThat(condition("xplane-qwen3-8b", StatusObserver.INTEGRATIONS).getMessage())
                .doesNotContain("keda").contains("servicemonitors");
    }

    @Test
    void statusFollowsTheJobAndDeploymentWithObservedGeneration() throws Exception {
        // No periodic re-check during this test: only the Deployment and Job informers can wake the operator.
        operator.stop();
        operator = SovereignOperator.start(client, RenderOptions.defaults(), Duration.ofHours(1), false);
        create("xplane-qwen3-8b");
        await(() -> condition("xplane-qwen3-8b", StatusObserver.WEIGHTS_READY) != null);
        assertThat(condition("xplane-qwen3-8b", StatusObserver.WEIGHTS_READY).getStatus()).isEqualTo("False");
        assertThat(condition("xplane-qwen3-8b", StatusObserver.AVAILABLE).getStatus()).isEqualTo("False");

        writeStatus("batch/v1", "Job", "jobs", "xplane-qwen3-8b-preload-main", Map.of("succeeded", 1));
        writeStatus("apps/v1", "Deployment", "deployments", "xplane-qwen3-8b", Map.of("readyReplicas", 1));
        await(() -> "True".equals(condition("xplane-qwen3-8b", StatusObserver.AVAILABLE).getStatus())
                && "True".equals(condition("xplane-qwen3-8b", StatusObserver.WEIGHTS_READY).getStatus()));
        InferenceServiceResource now = resource("xplane-qwen3-8b");
        assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
        assertThat(now.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(now.getStatus().getPhase()).isEqualTo("Ready");
        assertThat(now.getStatus().getServedModelsSummary()).isEqualTo("xplane-qwen3-8b");
    }

    @Test
    void revisionBumpRollsTheDeploymentAndReplacesThePreloadJob() throws Exception {
        create("xplane-qwen3-8b");
        await(() -> get("batch/v1", "Job", "jobs", "xplane-qwen3-8b-preload-main") != null);
        InferenceServiceResource current = resource("xplane-qwen3-8b");
        onConflictRetry(() -> {
            InferenceServiceResource latest = resource("xplane-qwen3-8b");
            @SuppressWarnings("unchecked")
            Map<String, Object> model = (Map<String, Object>) latest.getSpec().get("model");
            model.put("revision", "0123456789abcdef0123456789abcdef01234567");
            client.resource(latest).update();
        });
        await(() -> get("batch/v1", "Job", "jobs", "xplane-qwen3-8b-preload-01234567") != null
                && get("batch/v1", "Job", "jobs", "xplane-qwen3-8b-preload-main") == null);
        await(() -> ManifestYaml.write(deployment("xplane-qwen3-8b").getAdditionalProperties())
                .contains("/models/0123456789abcdef0123456789abcdef01234567"));
        InferenceServiceResource after = resource("xplane-qwen3-8b");
        assertThat(after.getMetadata().getGeneration()).isGreaterThan(current.getMetadata().getGeneration());
        await(() -> after.getMetadata().getGeneration()
                .equals(resource("xplane-qwen3-8b").getStatus().getObservedGeneration()));
    }

    @Test
    void invalidSpecIsReportedInTheStatusAndNothingIsCreated() throws Exception {
        InferenceServiceResource bad = read("xplane-qwen3-8b");
        bad.getMetadata().setName("bad");
        @SuppressWarnings("unchecked")
        Map<String, Object> scaling = (Map<String, Object>) bad.getSpec().get("scaling");
        scaling.put("minReplicas", 5);
        client.resource(bad).create();
        await(() -> condition("bad", StatusObserver.SPEC_VALID) != null);
        assertThat(condition("bad", StatusObserver.SPEC_VALID).getMessage()).contains("scaling.minReplicas");
        assertThat(deployment("bad")).isNull();
    }

    @Test
    void envoyRouteWaitsForAReadyReplicaThenStaysWhenItIsLost() throws Exception {
        operator.stop();
        operator = SovereignOperator.start(client, RenderOptions.defaults().withAiGateway(RenderOptions.ENVOY),
                Duration.ofMillis(300), false);
        installCrd("backends.gateway.envoyproxy.io", "gateway.envoyproxy.io", "Backend", "backends", "v1alpha1");
        installCrd("aiservicebackends.aigateway.envoyproxy.io", "aigateway.envoyproxy.io", "AIServiceBackend",
                "aiservicebackends", "v1alpha1");
        installCrd("aigatewayroutes.aigateway.envoyproxy.io", "aigateway.envoyproxy.io", "AIGatewayRoute",
                "aigatewayroutes", "v1alpha1");
        create("xplane-qwen-coder");
        await(() -> get("aigateway.envoyproxy.io/v1alpha1", "AIServiceBackend", "aiservicebackends",
                "xplane-qwen-coder-canary-0") != null);
        assertThat(route()).isNull();

        writeStatus("apps/v1", "Deployment", "deployments", "xplane-qwen-coder", Map.of("readyReplicas", 1));
        await(() -> route() != null);
        assertThat(ManifestYaml.write(route().getAdditionalProperties())).contains("modelNameOverride: xplane-qwen-coder-sql-dpo");
        await(() -> "https://llm.priv.cloud.ogenki.io/v1".equals(resource("xplane-qwen-coder").getStatus().getModelEndpoint()));

        writeStatus("apps/v1", "Deployment", "deployments", "xplane-qwen-coder", Map.of("readyReplicas", 0));
        await(() -> "False".equals(condition("xplane-qwen-coder", StatusObserver.AVAILABLE).getStatus()));
        assertThat(route()).isNotNull();
    }

    private static GenericKubernetesResource route() {
        return get("aigateway.envoyproxy.io/v1alpha1", "AIGatewayRoute", "aigatewayroutes", "xplane-qwen-coder");
    }

    @Test
    void deleteRemovesEveryOwnedObject() throws Exception {
        create("xplane-qwen-coder-fim");
        await(() -> deployment("xplane-qwen-coder-fim") != null);
        client.resource(resource("xplane-qwen-coder-fim")).delete();
        await(() -> deployment("xplane-qwen-coder-fim") == null
                && get("v1", "Service", "services", "xplane-qwen-coder-fim") == null
                && get("v1", "ServiceAccount", "serviceaccounts", "xplane-qwen-coder-fim") == null);
        await(() -> resource("xplane-qwen-coder-fim") == null);
    }

    private InferenceServiceResource create(String example) throws Exception {
        return client.resource(read(example)).create();
    }

    private static InferenceServiceResource read(String example) throws Exception {
        String yaml = Files.readString(Fleet.folder().resolve(example + ".yaml"))
                .replace("cloud.ogenki.io/v1alpha1", "sovereign.dev/v1alpha1")
                .replace("namespace: llm", "namespace: " + namespace);
        return client.getKubernetesSerialization().unmarshal(yaml, InferenceServiceResource.class);
    }

    private static InferenceServiceResource resource(String name) {
        return client.resources(InferenceServiceResource.class).inNamespace(namespace).withName(name).get();
    }

    private static Condition condition(String name, String type) {
        InferenceServiceResource resource = resource(name);
        if (resource == null || resource.getStatus() == null) {
            return null;
        }
        return resource.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
                .findFirst().orElse(null);
    }

    private static GenericKubernetesResource deployment(String name) {
        return get("apps/v1", "Deployment", "deployments", name);
    }

    private static GenericKubernetesResource get(String apiVersion, String kind, String plural, String name) {
        return client.genericKubernetesResources(KindContexts.of(apiVersion, kind, plural))
                .inNamespace(namespace).withName(name).get();
    }

    private static void writeStatus(String apiVersion, String kind, String plural, String name, Map<String, Object> status) {
        onConflictRetry(() -> {
            GenericKubernetesResource object = get(apiVersion, kind, plural, name);
            object.setAdditionalProperty("status", status);
            client.genericKubernetesResources(KindContexts.of(apiVersion, kind, plural)).inNamespace(namespace)
                    .resource(object).updateStatus();
        });
    }

    /** The operator writes concurrently; an optimistic-lock conflict means: read again and retry. */
    private static void onConflictRetry(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static void installCrd(String name, String group, String kind, String plural, String version) {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withKind(kind).withPlural(plural).endNames()
                .addNewVersion().withName(version).withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(done.getAsBoolean()).as("condition reached within 20s").isTrue();
    }

}
