package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.mom.RouterChooser;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.router.SemanticRouter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virtual model MoM goes through the real semantic router to a concrete model. */
class MixtureOfModelsTest {

    @TempDir
    Path dir;

    @Test
    void momIsListedAndRoutedByTheRouterDecision() {
        SemanticRouter router = SemanticRouter.withDefaultConfig();
        try (FakeUpstream coder = new FakeUpstream("coder"); FakeUpstream general = new FakeUpstream("general");
             Gateway gateway = Gateway.start(new Settings(dir.resolve("u.db"))
                     .backend("coder", coder, "xplane-qwen-coder")
                     .backend("general", general, "xplane-qwen3-8b").build(), Optional.of(new RouterChooser(router)))) {
            Http http = new Http(gateway.port());
            assertThat(Http.json(http.get("/v1/models", Settings.KEY)).at("/data/0/id").asText()).isEqualTo("MoM");
            HttpResponse<String> code = http.post("/v1/chat/completions", Settings.KEY,
                    Http.chat("MoM", false).replace("hello", "please debug this python traceback and refactor the function"));
            assertThat(code.statusCode()).as(code.body()).isEqualTo(200);
            assertThat(code.headers().firstValue("x-sov-selected-model")).hasValue("xplane-qwen-coder");
            assertThat(coder.count("/v1/chat/completions")).isEqualTo(1);
            assertThat(coder.received.getFirst().body().get("model").asText()).isEqualTo("xplane-qwen-coder");
            HttpResponse<String> chat = http.post("/v1/chat/completions", Settings.KEY,
                    Http.chat("MoM", false).replace("hello", "write a short poem about autumn leaves"));
            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(chat.headers().firstValue("x-sov-route-decision")).isPresent();
        }
    }
}
