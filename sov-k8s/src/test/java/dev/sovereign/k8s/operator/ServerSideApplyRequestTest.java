package dev.sovereign.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.render.Fleet;
import dev.sovereign.k8s.render.RenderOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of server-side apply without a kube-apiserver: with SSA on, as in
 * production, the operator adds its finalizer and writes the InferenceService's status as apply
 * patches under its field manager. The mock answers such
 * patches 415, so how an API server merges them (field ownership, conflicts) is not exercised
 * here; docs/kubernetes.md says so.
 */
@EnableKubernetesMockClient(crud = true)
class ServerSideApplyRequestTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    /** JOSDK's default finalizer name for the resource (the operator has a cleaner). */
    private static final String FINALIZER = "inferenceservices.sovereign.dev/finalizer";

    @Test
    void withSsaOnTheFinalizerIsAddedByAnApplyPatch() throws Exception {
        Operator operator = start();
        try {
            create("ssa-finalizer", false);
            RecordedRequest apply = awaitRequest("PATCH", "/namespaces/ssa-finalizer/inferenceservices/xplane-qwen3-8b?");
            assertThat(apply.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
            assertThat(apply.getPath()).contains("fieldManager=inferenceservice", "force=true");
            // The mock refuses the patch (415) and does not always keep its body (seen empty under load), so what the
            // patch carries is not checked here.
        } finally {
            operator.stop();
        }
    }

    @Test
    void withSsaOnTheStatusIsWrittenAsAnApplyPatchOfTheStatusSubresource() throws Exception {
        Operator operator = start();
        try {
            create("ssa-status", true); // the finalizer already there: the mock's 415 on it would stop the reconcile first
            RecordedRequest apply = awaitRequest("PATCH", "/namespaces/ssa-status/inferenceservices/xplane-qwen3-8b/status");
            assertThat(apply.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
            assertThat(apply.getPath()).contains("fieldManager=inferenceservice", "force=true");
            // The mock keeps no body for this refused request, so the status fields are checked by the CRUD tests only.
        } finally {
            operator.stop();
        }
    }

    private static Operator start() {
        SovereignOperator.installCrd(client);
        return SovereignOperator.start(client, RenderOptions.defaults(), Duration.ofHours(1), true);
    }

    private static void create(String namespace, boolean withFinalizer) throws Exception {
        String yaml = Files.readString(Fleet.folder().resolve("xplane-qwen3-8b.yaml"))
                .replace("cloud.ogenki.io/v1alpha1", "sovereign.dev/v1alpha1")
                .replace("namespace: llm", "namespace: " + namespace);
        InferenceServiceResource resource = client.getKubernetesSerialization().unmarshal(yaml, InferenceServiceResource.class);
        if (withFinalizer) {
            resource.getMetadata().setFinalizers(List.of(FINALIZER));
        }
        client.resource(resource).create();
    }

    private static RecordedRequest awaitRequest(String method, String pathPart) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS);
            if (request != null && method.equals(request.getMethod()) && request.getPath().contains(pathPart)) {
                return request;
            }
        }
        throw new AssertionError("no " + method + " " + pathPart + " within 20 s");
    }
}
