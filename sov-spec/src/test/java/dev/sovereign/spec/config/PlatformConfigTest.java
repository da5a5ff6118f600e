package dev.sovereign.spec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWithoutAFile() {
        PlatformConfig config = PlatformConfigFiles.defaults(dir);
        assertThat(config.gateway().listen()).isEqualTo("127.0.0.1:8080");
        assertThat(config.gateway().host()).isEqualTo("127.0.0.1");
        assertThat(config.gateway().port()).isEqualTo(8080);
        assertThat(config.gateway().maxBodyBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.gateway().apiKeys()).isEmpty();
        assertThat(config.gateway().adminKey()).isNull();
        assertThat(config.router().enabled()).isTrue();
        assertThat(config.router().config()).isNull();
        assertThat(config.modelsFolder()).isEmpty();
    }

    @Test
    void dataFolderFollowsFileThenEnvironment() {
        PlatformConfig config = PlatformConfigFiles.defaults(dir);
        assertThat(config.dataFolder(Map.of("SOV_DATA_DIR", "/srv/sov", "XDG_DATA_HOME", "/x"))).isEqualTo(Path.of("/srv/sov"));
        assertThat(config.dataFolder(Map.of("XDG_DATA_HOME", "/x"))).isEqualTo(Path.of("/x/sovereign"));
        assertThat(config.dataFolder(Map.of()).toString()).endsWith("/.local/share/sovereign");
    }

    @Test
    void fullFileWithSecretsFromEnvironmentAndFiles() throws IOException {
        Files.writeString(dir.resolve("admin.key"), "s3cret\n");
        PlatformConfig config = load("""
                apiVersion: sovereign.dev/v1alpha1
                kind: PlatformConfig
                gateway:
                  listen: "[::1]:9090"
                  maxBodyBytes: 1048576
                  adminKey: {file: admin.key}
                  apiKeys:
                    - tenant: team-a
                      key: {env: TEAM_A_KEY}
                      allowedModels: [sov-tiny]
                    - tenant: ci
                      key: {sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}
                router:
                  enabled: false
                models: models
                dataDir: data
                """).value();
        assertThat(config.gateway().host()).isEqualTo("::1");
        assertThat(config.gateway().port()).isEqualTo(9090);
        assertThat(config.gateway().adminKey().resolve("gateway.adminKey", k -> null, config.baseDir())).isEqualTo("s3cret");
        GatewayConfig.ApiKey teamA = config.gateway().apiKeys().getFirst();
        assertThat(teamA.tenant()).isEqualTo("team-a");
        assertThat(teamA.allowedModels()).containsExactly("sov-tiny");
        assertThat(teamA.key().resolve("gateway.apiKeys[0].key", Map.of("TEAM_A_KEY", "k-a")::get, dir)).isEqualTo("k-a");
        assertThat(config.gateway().apiKeys().get(1).key().isHashOnly()).isTrue();
        assertThat(config.router().enabled()).isFalse();
        assertThat(config.modelsFolder()).contains(dir.resolve("models"));
        assertThat(config.dataFolder(Map.of("SOV_DATA_DIR", "/elsewhere"))).isEqualTo(dir.resolve("data"));
    }

    @Test
    void unresolvableSecretsNameTheField() {
        SecretRef fromEnv = new SecretRef("MISSING", null, null, null);
        assertThatThrownBy(() -> fromEnv.resolve("gateway.adminKey", k -> null, dir))
                .hasMessage("gateway.adminKey: environment variable MISSING is not set");
        SecretRef fromFile = new SecretRef(null, "nope.key", null, null);
        assertThatThrownBy(() -> fromFile.resolve("gateway.apiKeys[1].key", k -> null, dir))
                .hasMessageStartingWith("gateway.apiKeys[1].key: cannot read secret file");
    }

    @Test
    void secretNeedsExactlyOneSource() {
        assertThat(problems("""
                gateway:
                  adminKey: {env: A, value: b}
                  apiKeys:
                    - tenant: t
                      key: {}
                """)).containsExactly(
                "gateway.adminKey: give exactly one of env, file, value, sha256 (found 2)",
                "gateway.apiKeys[0].key: give exactly one of env, file, value, sha256");
    }

    @Test
    void badValuesNameTheirFields() {
        assertThat(problems("""
                gateway:
                  listen: localhost
                  maxBodyBytes: 10
                  apiKeys:
                    - tenant: Team A
                      key: {sha256: abc}
                routr: {}
                """)).containsExactly(
                "gateway.listen: must be host:port, such as 127.0.0.1:8080 (got 'localhost')",
                "gateway.maxBodyBytes: must be >= 1024 (got 10)",
                "gateway.apiKeys[0].tenant: must be a tenant name: lower-case letters, digits, '-', '_' and '.' (got 'Team A')",
                "gateway.apiKeys[0].key.sha256: must be 64 lower-case hex digits (got 'abc')",
                "routr: unknown field (did you mean 'router'?)");
    }

    @Test
    void badHostileClientControlsNameTheirFields() {
        assertThat(problems("""
                gateway:
                  maxRoutedBodyBytes: 10
                router:
                  failClosed: sometimes
                """)).containsExactly(
                "gateway.maxRoutedBodyBytes: must be >= 1024 (got 10)",
                "router.failClosed: expected a boolean (true or false), got the string 'sometimes'");
    }

    @Test
    void kvCacheHeapPercentDefaultsToFortyAndRefusesOutOfRangeNamingTheField() {
        assertThat(PlatformConfigFiles.defaults(dir).engine().kvCacheHeapPercent()).isEqualTo(40);
        assertThat(problems("engine:\n  kvCacheHeapPercent: 95\n")).containsExactly("engine.kvCacheHeapPercent: must be <= 90 (got 95)");
        assertThat(problems("engine:\n  kvCacheHeapPercent: 0\n")).containsExactly("engine.kvCacheHeapPercent: must be >= 1 (got 0)");
        assertThat(problems("engine:\n  kvCacheHeapPercent: half\n")).singleElement().asString()
                .startsWith("engine.kvCacheHeapPercent: expected");
    }

    @Test
    void stateDefaultsToTheEmbeddedFileAndBindsPostgreSql() {
        assertThat(PlatformConfigFiles.defaults(dir).gateway().state()).isNull();
        Loaded<PlatformConfig> loaded = load("""
                gateway:
                  state:
                    url: postgresql://db.internal:5432/sovereign
                    user: gateway
                    password: {env: PGPASSWORD}
                """);
        assertThat(loaded.problems()).isEmpty();
        GatewayConfig.State state = loaded.value().gateway().state();
        assertThat(state.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/sovereign");
        assertThat(state.user()).isEqualTo("gateway");
        assertThat(state.schema()).isEqualTo("sov_gateway");
        assertThat(state.poolSize()).isEqualTo(8);
        assertThat(state.password().resolve("gateway.state.password", Map.of("PGPASSWORD", "pw")::get, dir)).isEqualTo("pw");
    }

    @Test
    void badStateNamesItsFields() {
        assertThat(problems("""
                gateway:
                  state:
                    url: mysql://db/sovereign
                    schema: Gateway-State
                    poolSize: 1
                    password: {sha256: 0000000000000000000000000000000000000000000000000000000000000000}
                """)).containsExactlyInAnyOrder(
                "gateway.state.url: must be postgresql://HOST[:PORT]/DATABASE, such as postgresql://db:5432/sovereign "
                        + "(got 'mysql://db/sovereign')",
                "gateway.state.user: required field is missing",
                "gateway.state.schema: must be a lower-case SQL identifier such as sov_gateway (got 'Gateway-State')",
                "gateway.state.poolSize: must be >= 2 (got 1)",
                "gateway.state.password.sha256: unknown field",
                "gateway.state.password: give exactly one of env, file, value");
    }

    @Test
    void wrongKindAndSeveralDocuments() {
        assertThat(problems("kind: InferenceService\n")).singleElement().asString().startsWith("kind: must be one of PlatformConfig");
        assertThat(problems("gateway: {}\n---\ngateway: {}\n")).singleElement().asString()
                .contains("a platform configuration is one YAML document, found 2");
    }

    @Test
    void missingFile() {
        assertThat(PlatformConfigFiles.load(dir.resolve("sov.yaml")).problems()).extracting(Problem::message)
                .containsExactly("no such file or folder");
    }

    private Loaded<PlatformConfig> load(String yaml) {
        try {
            Path file = dir.resolve("sov.yaml");
            Files.writeString(file, yaml);
            return PlatformConfigFiles.load(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> problems(String yaml) {
        return load(yaml).problems().stream().map(p -> p.path() + (p.path().isEmpty() ? "" : ": ") + p.message()).toList();
    }
}
