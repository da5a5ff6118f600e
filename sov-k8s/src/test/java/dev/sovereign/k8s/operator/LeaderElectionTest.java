package dev.sovereign.k8s.operator;

import static dev.sovereign.k8s.operator.OperatorTestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.render.RenderOptions;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two operators on one Lease: one reconciles, the other waits; when the first stops, the
 * second takes the Lease and carries on. Also their probes and metrics.
 */
class LeaderElectionTest extends OnApplyingMockServer {

    private static final String QWEN = "xplane-qwen3-8b";
    private static final String LEASE_NAMESPACE = "operators";

    @BeforeAll
    static void expectations() {
        // JOSDK asks the API server (SelfSubjectRulesReview) whether it may use Leases before it competes.
        mock.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "create", "update").endResourceRule().endStatus().build())
                .always();
    }

    @Test
    void oneOfTwoInstancesActsAndTheOtherTakesOverWhenItStops() throws Exception {
        OperatorTestCluster cluster = new OperatorTestCluster(mock, "elect");
        OperatorMetrics firstMetrics = new OperatorMetrics();
        OperatorMetrics secondMetrics = new OperatorMetrics();
        RunningOperator first = cluster.start(config("first"), firstMetrics);
        await(firstMetrics::leader);
        RunningOperator second = cluster.start(config("second"), secondMetrics);
        try (HealthServer firstHealth = HealthServer.start(new InetSocketAddress("127.0.0.1", 0), first, firstMetrics);
             HealthServer secondHealth = HealthServer.start(new InetSocketAddress("127.0.0.1", 0), second,
                     secondMetrics)) {
            cluster.create(QWEN);
            await(() -> cluster.deployment(QWEN) != null && cluster.condition(QWEN, StatusObserver.READY) != null);
            Lease lease = mock.client().leases().inNamespace(LEASE_NAMESPACE).withName("sovereign-operator").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("first");
            assertThat(firstMetrics.reconciliations()).isPositive();
            assertThat(secondMetrics.reconciliations()).as("the standby does not reconcile").isZero();
            assertThat(secondMetrics.leader()).isFalse();

            assertThat(get(firstHealth, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(secondHealth, "/readyz").statusCode()).as("a standby is ready: it serves no traffic")
                    .isEqualTo(200);
            HttpResponse<String> metrics = get(firstHealth, "/metrics");
            assertThat(metrics.body()).contains("sovereign_operator_leader 1", "sovereign_operator_api_requests_total ")
                    .containsPattern("sovereign_operator_reconciliations_total [1-9]");
            assertThat(get(secondHealth, "/metrics").body()).contains("sovereign_operator_leader 0");

            first.stop();
            await(secondMetrics::leader);
            cluster.editSpec(QWEN, spec -> spec.put("engineArgs", List.of("--enforce-eager")));
            await(() -> cluster.deployment(QWEN).getAdditionalProperties().toString().contains("--enforce-eager"));
            assertThat(secondMetrics.reconciliations()).isPositive();
            assertThat(mock.client().leases().inNamespace(LEASE_NAMESPACE).withName("sovereign-operator").get()
                    .getSpec().getHolderIdentity()).isEqualTo("second");
        } finally {
            second.stop();
        }
    }

    private static OperatorConfig config(String identity) {
        // A short retry so a released Lease is taken at once; a renew deadline long enough that a loaded machine
        // does not lose the Lease by being slow. The process does not exit on loss here.
        return OperatorConfig.of(RenderOptions.defaults()).withResync(Duration.ofHours(1))
                .withLeaderElection(new OperatorConfig.LeaderElection("sovereign-operator", LEASE_NAMESPACE, identity,
                        Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofMillis(500), false));
    }

    private static HttpResponse<String> get(HealthServer server, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
