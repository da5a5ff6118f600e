package dev.sovereign.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.support.ChildGateway;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.gateway.usage.UsageTotals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 and 18: an answered request is in the ledger before its answer ends (ADR 0132), so a gateway killed
 * with -9 (a real child JVM) loses none, and the budget a new gateway starts from includes the
 * reservations of the requests the dead one was running. The ledger is the owner's alone.
 */
class LedgerDurabilityTest {

    static final String KEY = "sk-durable";
    static final long BUDGET = 10_000;

    @TempDir
    Path dir;

    static Settings settings(Path ledger, FakeUpstream fast, FakeUpstream slow) {
        return new Settings(ledger).backend("fast", fast, "qwen").backend("slow", slow, "slow")
                .key("durable", KEY, Set.of(), new Limits(0, 0, 0, BUDGET, 0, Duration.ofDays(1)));
    }

    @Test
    void answeredRequestsSurviveKillNineAndOpenReservationsStillCount() throws Exception {
        Path ledger = dir.resolve("data").resolve("usage.db");
        ChildGateway.Started started = ChildGateway.start(LedgerChild.class, ledger.toString());
        Process child = started.process();
        try {
            int port = started.port();
            Http http = new Http(port);
            for (int i = 0; i < 5; i++) {
                assertThat(http.post("/v1/chat/completions", KEY, chat("qwen", 100)).statusCode()).isEqualTo(200);
            }
            // a request still running when the gateway dies: its reservation (input + 6000) must still count
            CompletableFuture.runAsync(() -> {
                try {
                    http.post("/v1/chat/completions", KEY, chat("slow", 6000));
                } catch (RuntimeException ignored) {
                    // the gateway is killed under it
                }
            });
            Thread.sleep(1000);
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        assertThat(Files.getPosixFilePermissions(ledger.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(ledger)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Path wal = ledger.resolveSibling("usage.db-wal");
        if (Files.exists(wal)) {
            assertThat(Files.getPosixFilePermissions(wal)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }

        try (FakeUpstream fast = new FakeUpstream("fast"); FakeUpstream slow = new FakeUpstream("slow");
             Gateway restarted = Gateway.start(settings(ledger, fast, slow).build(), Optional.empty())) {
            List<UsageTotals> totals = restarted.ledger().totals("durable", null, null, null);
            assertThat(totals).singleElement().satisfies(t -> assertThat(t.requests()).isEqualTo(5));
            long used = totals.getFirst().inputTokens() + totals.getFirst().outputTokens();
            HttpResponse ok = new HttpResponse(new Http(restarted.port()).post("/v1/chat/completions", KEY, chat("qwen", 9000)));
            assertThat(ok.status()).isEqualTo(200);
            int cap = fast.received.getLast().body().path("max_tokens").asInt();
            // what is left after the five answers and the dead request's reservation of more than 6000
            assertThat(cap).isLessThan((int) (BUDGET - used - 6000)).isPositive();
        }
    }

    private record HttpResponse(int status) {
        HttpResponse(java.net.http.HttpResponse<String> response) {
            this(response.statusCode());
        }
    }

    private static String chat(String model, int maxTokens) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    }
}
