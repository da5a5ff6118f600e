package dev.sovereign.k8s.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.operator.InferenceServiceResource;
import dev.sovereign.k8s.operator.SovereignOperator;
import dev.sovereign.k8s.render.Fleet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery on fabric8's mock API server (CRUD mode): InferenceServices and EndpointSlices go in
 * as a cluster would hold them, and the listener must see exactly the ready endpoints of each
 * model on the port named {@code http}, its served names and canaries.
 */
@EnableKubernetesMockClient(crud = true)
class ModelDiscoveryTest {

    static KubernetesClient client;
    private static int tests;
    private String namespace;
    private final List<List<DiscoveredModel>> told = new CopyOnWriteArrayList<>();
    private ModelDiscovery discovery;

    @BeforeEach
    void start() {
        namespace = "discovery-" + ++tests;
        SovereignOperator.installCrd(client);
        discovery = ModelDiscovery.start(client, namespace, told::add);
    }

    @AfterEach
    void stop() {
        discovery.close();
    }

    @Test
    void emptyNamespaceIsToldOnceAsNoModels() {
        assertThat(told).containsExactly(List.of());
        assertThat(discovery.models()).isEmpty();
    }

    @Test
    void modelWithAdaptersAndCanaryRoutesToItsReadyPodsOnly() throws Exception {
        create("xplane-qwen-coder");
        awaitModels(m -> m.size() == 1);
        DiscoveredModel declared = discovery.models().getFirst();
        assertThat(declared.name()).isEqualTo("xplane-qwen-coder");
        assertThat(declared.servedModels()).containsExactly("xplane-qwen-coder", "xplane-qwen-coder-sql-dpo",
                "xplane-qwen-coder-securecode");
        assertThat(declared.canaries()).containsExactly(new DiscoveredModel.Canary("xplane-qwen-coder-sql-dpo", 10));
        assertThat(declared.maxReplicas()).isEqualTo(2);
        assertThat(declared.readyEndpoints()).isEmpty();

        client.resource(slice("xplane-qwen-coder-abc12", "xplane-qwen-coder", "IPv4",
                endpoint("10.0.0.1", true), endpoint("10.0.0.2", false), endpoint("10.0.0.3", null))).create();
        awaitModels(m -> m.size() == 1 && !m.getFirst().readyEndpoints().isEmpty());
        // false is not ready; no condition at all is ready, as the API says to read it.
        assertThat(discovery.models().getFirst().readyEndpoints())
                .containsExactly(URI.create("http://10.0.0.1:8000"), URI.create("http://10.0.0.3:8000"));
    }

    @Test
    void slicesOfOtherServicesOrWithoutTheHttpPortAreIgnoredAndIpv6IsBracketed() throws Exception {
        create("xplane-qwen3-8b");
        client.resource(slice("other-x", "other", "IPv4", endpoint("10.0.9.9", true))).create();
        EndpointSlice metricsOnly = slice("xplane-qwen3-8b-m", "xplane-qwen3-8b", "IPv4", endpoint("10.0.0.5", true));
        metricsOnly.getPorts().getFirst().setName("metrics");
        client.resource(metricsOnly).create();
        client.resource(slice("xplane-qwen3-8b-v6", "xplane-qwen3-8b", "IPv6", endpoint("fd00::7", true))).create();
        awaitModels(m -> m.size() == 1 && !m.getFirst().readyEndpoints().isEmpty());
        assertThat(discovery.models().getFirst().readyEndpoints()).containsExactly(URI.create("http://[fd00::7]:8000"));
    }

    @Test
    void deletedInferenceServiceLeavesAndInvalidOneIsNotRouted() throws Exception {
        create("xplane-qwen3-8b");
        InferenceServiceResource bad = read("xplane-qwen-coder-fim");
        bad.getMetadata().setName("bad");
        bad.getSpec().put("scaling", new java.util.LinkedHashMap<>(java.util.Map.of("minReplicas", 5, "maxReplicas", 1)));
        client.resource(bad).create();
        awaitModels(m -> m.size() == 1);
        assertThat(discovery.models()).extracting(DiscoveredModel::name).containsExactly("xplane-qwen3-8b");

        client.resources(InferenceServiceResource.class).inNamespace(namespace).withName("xplane-qwen3-8b").delete();
        awaitModels(List::isEmpty);
    }

    @Test
    void refusalsOfTheApiServerNameWhatIsMissing() {
        assertThat(ModelDiscovery.cannotWatch("llm", new KubernetesClientException("forbidden", 403, null)))
                .isEqualTo("cannot watch the models of namespace llm: the gateway's ServiceAccount may not list and watch "
                        + "inferenceservices.sovereign.dev and endpointslices.discovery.k8s.io there (the Helm chart grants it)");
        assertThat(ModelDiscovery.cannotWatch("llm", new KubernetesClientException("not found", 404, null)))
                .endsWith("the InferenceService CRD (inferenceservices.sovereign.dev) is not installed");
    }

    @Test
    void anUnreachableApiServerIsNamedWithTheCause() {
        try (KubernetesClient nowhere = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelDiscovery.start(nowhere, "llm", m -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot watch the models of namespace llm: ")
                    .hasMessageContaining("API server http://127.0.0.1:1/ not reached: ConnectException");
        }
    }

    private void create(String example) throws Exception {
        client.resource(read(example)).create();
    }

    private InferenceServiceResource read(String example) throws Exception {
        String yaml = Files.readString(Fleet.folder().resolve(example + ".yaml"))
                .replace("cloud.ogenki.io/v1alpha1", "sovereign.dev/v1alpha1")
                .replace("namespace: llm", "namespace: " + namespace);
        return client.getKubernetesSerialization().unmarshal(yaml, InferenceServiceResource.class);
    }

    private EndpointSlice slice(String name, String service, String addressType,
                                io.fabric8.kubernetes.api.model.discovery.v1.Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(ModelDiscovery.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType(addressType)
                .addNewPort().withName("http").withPort(8000).withProtocol("TCP").endPort()
                .withEndpoints(endpoints).build();
    }

    private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(String address, Boolean ready) {
        EndpointBuilder builder = new EndpointBuilder().withAddresses(address);
        if (ready != null) {
            builder.withNewConditions().withReady(ready).withServing(ready).withTerminating(false).endConditions();
        }
        return builder.build();
    }

    private void awaitModels(Predicate<List<DiscoveredModel>> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // The listener is told just after the snapshot changes: wait for both, not for the snapshot alone.
        while (System.nanoTime() < deadline && !(done.test(discovery.models()) && toldLatest())) {
            Thread.sleep(50);
        }
        assertThat(done.test(discovery.models())).as("discovered models " + discovery.models()).isTrue();
        assertThat(told.getLast()).isEqualTo(discovery.models());
    }

    private boolean toldLatest() {
        return !told.isEmpty() && told.getLast().equals(discovery.models());
    }
}
