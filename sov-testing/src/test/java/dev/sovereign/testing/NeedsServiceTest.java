package dev.sovereign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A service that does not answer skips the test with its name, or fails it where services are required. */
class NeedsServiceTest {

    /** Port 1 on loopback: privileged and unused, so nothing answers there. */
    static class NothingListens {
        @Test
        @NeedsService(value = "Nothing", port = 1)
        void talksToIt() {
        }
    }

    @NeedsPostgreSQL
    static class UsesPostgres {
    }

    @Test
    void theProbeSeesAListeningSocketAndNoLongerOnceItCloses() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            assertThat(ServiceProbe.answers("127.0.0.1", port)).isTrue();
        }
        assertThat(ServiceProbe.answers("127.0.0.1", port)).isFalse();
    }

    @Test
    void skipsNamingTheServiceAndAddress() {
        EngineExecutionResults results = run(false);
        results.testEvents().assertStatistics(s -> s.skipped(1).started(0));
        assertThat(NeedsSharedDataTest.reasons(results)).singleElement().asString()
                .isEqualTo("service not answering: Nothing at 127.0.0.1:1 (start it to run this test)");
    }

    @Test
    void failsWhereServicesAreRequired() {
        EngineExecutionResults results = run(true);
        results.testEvents().assertStatistics(s -> s.failed(1).skipped(0));
        assertThat(results.testEvents().failed().stream().map(NeedsSharedDataTest::throwable).findFirst()).get()
                .asString().contains("service not answering: Nothing at 127.0.0.1:1")
                .contains("CI=true or SOV_REQUIRE_SERVICES=1");
    }

    @Test
    void postgresIsTheLocalServerOfTheStateTests() {
        NeedsService service = AnnotationSupport.findAnnotation(UsesPostgres.class, NeedsService.class).orElseThrow();
        assertThat(service.value()).isEqualTo("PostgreSQL");
        assertThat(service.host() + ":" + service.port()).isEqualTo("127.0.0.1:5432");
        assertThat(NeedsPostgreSQL.JDBC_URL).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    }

    private static EngineExecutionResults run(boolean required) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(NothingListens.class))
                .configurationParameter(ServiceCondition.REQUIRE_PARAMETER, Boolean.toString(required)).execute();
    }
}
