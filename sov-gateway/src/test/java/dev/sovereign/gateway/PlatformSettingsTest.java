package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.gateway.auth.KeyHash;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.PlatformSettings;
import dev.sovereign.gateway.settings.StateSettings;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.PostgresSchema;
import dev.sovereign.spec.config.PlatformConfig;
import dev.sovereign.spec.config.PlatformConfigFiles;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.testing.NeedsPostgreSQL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sov.yaml and InferenceService files bind to a running gateway. */
class PlatformSettingsTest {

    @TempDir
    Path dir;

    @Test
    void sovYamlAndModelsFolderConfigureBackendsRoutesKeysLimitsAndPrices() throws Exception {
        try (FakeUpstream vllm = new FakeUpstream("vllm"); FakeUpstream external = new FakeUpstream("external")) {
            Files.writeString(dir.resolve("sov.yaml"), """
                    gateway:
                      listen: 127.0.0.1:0
                      adminKey: {env: TEST_ADMIN}
                      apiKeys:
                        - tenant: team-a
                          key: {file: team-a.key}
                          allowedModels: [coder, fast]
                          limits: {requestsPerMinute: 100, costBudgetUsd: "2.5"}
                        - tenant: team-b
                          key: {sha256: %s}
                      backends:
                        - name: vllm
                          urls: [%s]
                          apiKey: {value: sk-upstream}
                          models: [qwen-coder]
                          timeoutSeconds: 30
                          modelTimeouts: [{model: qwen-coder, seconds: 5}]
                      routes:
                        - model: coder
                          split: [{backend: vllm, model: qwen-coder, weight: 1}]
                          fallbacks: [{backend: fast-model}]
                      aliases: {fast: fast-model}
                      prices: [{model: coder, inputPerMillion: "0.15", outputPerMillion: "0.6"}]
                      tenants: [{name: team-a, limits: {concurrent: 4}}]
                    dataDir: data
                    """.formatted(KeyHash.of("sk-team-b"), vllm.uri()));
            Files.writeString(dir.resolve("team-a.key"), "sk-team-a\n");
            Files.createDirectories(dir.resolve("models"));
            Files.writeString(dir.resolve("models/fast.yaml"), """
                    apiVersion: cloud.ogenki.io/v1alpha1
                    kind: InferenceService
                    metadata: {name: fast-model}
                    spec:
                      model: {repository: Qwen/Qwen2.5-0.5B-Instruct}
                      gpu: {count: 1}
                      engine: {kind: external, url: "%s"}
                    """.formatted(external.uri()));
            Loaded<PlatformConfig> loaded = PlatformConfigFiles.load(dir.resolve("sov.yaml"));
            assertThat(loaded.problems()).isEmpty();
            List<InferenceService> services = InferenceServiceFiles.load(List.of(dir.resolve("models"))).stream()
                    .peek(l -> assertThat(l.problems()).isEmpty()).map(Loaded::value).toList();
            GatewaySettings settings = PlatformSettings.bind(loaded.value(), services,
                    new PlatformSettings.Overrides(List.of(Map.entry("cli", "sk-cli")), 0), Map.of("TEST_ADMIN", "sk-admin")::get);
            assertThat(settings.ledgerPath()).isEqualTo(dir.resolve("data/usage.db"));
            assertThat(settings.tenants().get("team-a").concurrent()).isEqualTo(4);
            assertThat(settings.keys().getFirst().limits().costBudgetUsd()).isEqualTo(2.5);
            assertThat(settings.backends().get(1).timeoutFor("qwen-coder").toSeconds()).isEqualTo(5);

            try (Gateway gateway = Gateway.start(settings, Optional.empty())) {
                Http http = new Http(gateway.port());
                assertThat(http.post("/v1/chat/completions", "sk-team-a", Http.chat("coder", false)).statusCode()).isEqualTo(200);
                assertThat(vllm.received.getFirst().headers().get("authorization")).isEqualTo("Bearer sk-upstream");
                assertThat(vllm.received.getFirst().body().get("model").asText()).isEqualTo("qwen-coder");
                assertThat(http.post("/v1/chat/completions", "sk-team-a", Http.chat("fast", false)).statusCode()).isEqualTo(200);
                assertThat(external.count("/v1/chat/completions")).isEqualTo(1);
                assertThat(http.post("/v1/chat/completions", "sk-team-b", Http.chat("fast-model", false)).statusCode()).isEqualTo(200);
                assertThat(http.post("/v1/chat/completions", "sk-cli", Http.chat("coder", false)).statusCode()).isEqualTo(200);
                assertThat(http.get("/admin/keys", "sk-admin").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aMissingSecretNamesItsField() throws Exception {
        Files.writeString(dir.resolve("sov.yaml"), "gateway:\n  adminKey: {env: SURELY_UNSET_VARIABLE}\n");
        PlatformConfig config = PlatformConfigFiles.load(dir.resolve("sov.yaml")).value();
        assertThatThrownBy(() -> PlatformSettings.bind(config, List.of(), new PlatformSettings.Overrides(List.of(), null), k -> null))
                .hasMessageContaining("gateway.adminKey").hasMessageContaining("SURELY_UNSET_VARIABLE");
    }

    @Test
    void theStateSectionBindsWithItsPasswordFromAFileAndNamesAMissingOne() throws Exception {
        Files.writeString(dir.resolve("pg.password"), "pg-secret\n");
        Files.writeString(dir.resolve("sov.yaml"), """
                gateway:
                  state: {url: "postgresql://db:5432/sovereign", user: gateway, password: {file: pg.password}, poolSize: 3}
                """);
        PlatformConfig config = PlatformConfigFiles.load(dir.resolve("sov.yaml")).value();
        StateSettings state = PlatformSettings.bind(config, List.of(), new PlatformSettings.Overrides(List.of(), null), k -> null)
                .state();
        assertThat(state).isEqualTo(new StateSettings("jdbc:postgresql://db:5432/sovereign", "gateway", "pg-secret", "sov_gateway", 3));
        assertThat(state.toString()).doesNotContain("pg-secret");

        Files.writeString(dir.resolve("sov.yaml"), """
                gateway:
                  state: {url: "postgresql://db/sovereign", user: gateway, password: {env: SURELY_UNSET_PG_PASSWORD}}
                """);
        PlatformConfig missing = PlatformConfigFiles.load(dir.resolve("sov.yaml")).value();
        assertThatThrownBy(() -> PlatformSettings.bind(missing, List.of(), new PlatformSettings.Overrides(List.of(), null), k -> null))
                .hasMessage("gateway.state.password: environment variable SURELY_UNSET_PG_PASSWORD is not set");
        assertThat(PlatformSettings.bind(PlatformConfigFiles.defaults(dir), List.of(), new PlatformSettings.Overrides(List.of(), null),
                k -> null).state()).as("no state section: the embedded file").isNull();
    }

    @Test
    @NeedsPostgreSQL
    void aGatewayStartedFromSovYamlKeepsItsKeysInPostgreSql() throws Exception {
        try (PostgresSchema schema = new PostgresSchema()) {
            Files.writeString(dir.resolve("sov.yaml"), """
                    gateway:
                      listen: 127.0.0.1:0
                      adminKey: {value: sk-admin-yaml}
                      state: {url: "postgresql://%s:%d/test", user: %s, schema: %s}
                    """.formatted(NeedsPostgreSQL.HOST, NeedsPostgreSQL.PORT, NeedsPostgreSQL.USER, schema.name));
            try (Gateway gateway = GatewayLauncher.start(new GatewayLauncher.Options(dir.resolve("sov.yaml"), null, List.of(), null),
                    k -> null)) {
                Http http = new Http(gateway.port());
                assertThat(http.post("/admin/keys", "sk-admin-yaml", "{\"tenant\":\"dave\"}").statusCode()).isEqualTo(201);
            }
            assertThat(schema.queryLong("SELECT COUNT(*) FROM api_keys WHERE tenant = 'dave'")).isEqualTo(1);
            assertThat(Files.exists(dir.resolve("data").resolve("usage.db"))).as("no SQLite file beside it").isFalse();
        }
    }

    @Test
    void badGatewayFieldsAreReportedWithLineAndPath() throws Exception {
        Files.writeString(dir.resolve("sov.yaml"), """
                gateway:
                  backends:
                    - name: b
                      urls: [ftp://x]
                      models: [m]
                  prices: [{model: m, inputPerMillion: 0.15}]
                """);
        String problems = PlatformConfigFiles.load(dir.resolve("sov.yaml")).problems().toString();
        assertThat(problems).contains(":4:").contains("gateway.backends[0].urls[0]").contains("gateway.prices[0].inputPerMillion");
    }
}
