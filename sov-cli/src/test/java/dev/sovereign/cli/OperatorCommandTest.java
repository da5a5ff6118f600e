package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sov operator} as the chart starts it: with a Lease namespace it competes for the
 * Lease (and takes it, alone), serves its probes and metrics on {@code --health-port}, and
 * installs the CRD when asked; without one it acts alone and writes no Lease.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorCommandTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void withALeaseNamespaceItTakesTheLeaseAndServesProbesAndMetrics() throws Exception {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "create", "update").endResourceRule().endStatus().build())
                .always();
        int port = freePort();
        OperatorCommand command = parse("--install-crd", "--lease-namespace", "operators", "--lease-name", "sov-op",
                "--health-port", String.valueOf(port));
        try (OperatorCommand.Running running = command.start(new KubernetesClientBuilder()
                .withConfig(client.getConfiguration()))) {
            awaitLeader(running);
            Lease lease = client.leases().inNamespace("operators").withName("sov-op").get();
            assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
            assertThat(client.apiextensions().v1().customResourceDefinitions()
                    .withName("inferenceservices.sovereign.dev").get()).isNotNull();
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(port, "/metrics").body()).contains("sovereign_operator_leader 1")
                    .containsPattern("sovereign_operator_api_requests_total [1-9]");
        }
    }

    @Test
    void withoutALeaseNamespaceItActsAloneAndWritesNoLease() throws Exception {
        OperatorCommand command = parse("--lease-name", "alone", "--health-port", "0");
        try (OperatorCommand.Running running = command.start(new KubernetesClientBuilder()
                .withConfig(client.getConfiguration()))) {
            assertThat(running.health()).as("--health-port 0 turns the probes off").isNull();
            assertThat(running.metrics().leader()).isTrue();
            assertThat(client.leases().inAnyNamespace().list().getItems())
                    .noneMatch(l -> "alone".equals(l.getMetadata().getName()));
        }
    }

    private static OperatorCommand parse(String... args) {
        OperatorCommand command = new OperatorCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static void awaitLeader(OperatorCommand.Running running) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!running.metrics().leader() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(running.metrics().leader()).as("leader within 30 s").isTrue();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
