package dev.sovereign.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.render.Fleet;
import dev.sovereign.k8s.render.KindContexts;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One namespace of the applying mock API server, seen by a test: reads and writes objects as
 * the cluster's own controllers would (the mock runs none), and starts operators on their own
 * clients so their API calls can be counted apart from the test's.
 */
final class OperatorTestCluster {

    private final ApplyingMockServer mock;
    private final String namespace;

    OperatorTestCluster(ApplyingMockServer mock, String namespace) {
        this.mock = mock;
        this.namespace = namespace;
    }

    KubernetesClient client() {
        return mock.client();
    }

    ServerSideApplyDispatcher dispatcher() {
        return mock.dispatcher();
    }

    String namespace() {
        return namespace;
    }

    /** An operator on a client of its own, counting its requests in {@code metrics}. */
    RunningOperator start(OperatorConfig config, OperatorMetrics metrics) {
        SovereignOperator.installCrd(mock.client());
        KubernetesClient own = mock.server().createClient(b -> b.withHttpClientBuilderConsumer(
                h -> h.addOrReplaceInterceptor("count", metrics.apiRequestCounter())));
        return SovereignOperator.start(own, config, metrics);
    }

    InferenceServiceResource create(String example) throws IOException {
        return mock.client().resource(read(example)).create();
    }

    InferenceServiceResource read(String example) throws IOException {
        String yaml = Files.readString(Fleet.folder().resolve(example + ".yaml"))
                .replace("cloud.ogenki.io/v1alpha1", "sovereign.dev/v1alpha1")
                .replace("namespace: llm", "namespace: " + namespace);
        return mock.client().getKubernetesSerialization().unmarshal(yaml, InferenceServiceResource.class);
    }

    /** Changes the spec as a user would (kubectl edit), retrying on a conflict with the operator's writes. */
    void editSpec(String name, Consumer<Map<String, Object>> edit) {
        onConflictRetry(() -> {
            InferenceServiceResource latest = resource(name);
            edit.accept(latest.getSpec());
            mock.client().resource(latest).update();
        });
    }

    InferenceServiceResource resource(String name) {
        return mock.client().resources(InferenceServiceResource.class).inNamespace(namespace).withName(name).get();
    }

    Condition condition(String name, String type) {
        InferenceServiceResource resource = resource(name);
        if (resource == null || resource.getStatus() == null) {
            return null;
        }
        return resource.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
                .findFirst().orElse(null);
    }

    GenericKubernetesResource deployment(String name) {
        return get("apps/v1", "Deployment", "deployments", name);
    }

    GenericKubernetesResource job(String name) {
        return get("batch/v1", "Job", "jobs", name);
    }

    GenericKubernetesResource get(String apiVersion, String kind, String plural, String name) {
        return mock.client().genericKubernetesResources(KindContexts.of(apiVersion, kind, plural))
                .inNamespace(namespace).withName(name).get();
    }

    /** The REST path of a namespaced object, or of its collection when {@code name} is empty. */
    String path(String apiVersion, String plural, String name) {
        String base = (apiVersion.contains("/") ? "/apis/" : "/api/") + apiVersion + "/namespaces/" + namespace + "/"
                + plural;
        return name.isEmpty() ? base : base + "/" + name;
    }

    List<Event> events(String involvedName) {
        return mock.client().v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName())).toList();
    }

    /** Plays a controller: writes the status of an object. */
    void writeStatus(String apiVersion, String kind, String plural, String name, Map<String, Object> status) {
        onConflictRetry(() -> {
            GenericKubernetesResource object = get(apiVersion, kind, plural, name);
            object.setAdditionalProperty("status", status);
            mock.client().genericKubernetesResources(KindContexts.of(apiVersion, kind, plural)).inNamespace(namespace)
                    .resource(object).updateStatus();
        });
    }

    void installCrd(String name, String group, String kind, String plural, String version) {
        mock.client().apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withKind(kind).withPlural(plural).endNames()
                .addNewVersion().withName(version).withServed(true).withStorage(true).endVersion()
                .endSpec().build()).createOr(o -> o.update());
    }

    /** Other writers race with the operator; an optimistic-lock conflict means: read again and retry. */
    static void onConflictRetry(Runnable write) {
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

    static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(done.getAsBoolean()).as("condition reached within 30 s").isTrue();
    }
}
