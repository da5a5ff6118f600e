package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sov gateway} and {@code sov bench gateway} as the user calls them (the gateway itself is tested in sov-gateway). */
class GatewayCommandTest extends CliTest {

    @TempDir
    Path dir;

    @Test
    void badConfigIsOneLineNamingFileLineAndField() throws Exception {
        Path config = dir.resolve("sov.yaml");
        Files.writeString(config, "gateway:\n  listen: nohost\n");
        assertThat(run("gateway", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("sov gateway: ").contains("sov.yaml:2: gateway.listen").doesNotContain("\n");
    }

    @Test
    void benchStateTakesOnlyAPostgreSqlUrl() {
        assertThat(run("bench", "gateway", "--state", "mysql://db/sovereign")).isEqualTo(1);
        assertThat(err.toString()).contains("--state: expected postgresql://HOST[:PORT]/DATABASE, got mysql://db/sovereign");
    }

    @Test
    void malformedApiKeyFlagNeverEchoesTheKey() {
        assertThat(run("gateway", "--api-key", "sk-secret-without-tenant", "--port", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("TENANT=KEY").doesNotContain("sk-secret");
    }

    @Test
    void malformedKeyFileNamesTheLineNeverTheKey() throws Exception {
        Path keys = dir.resolve("keys.txt");
        Files.writeString(keys, "# tenants\nteam-a=sk-good-one\nsk-secret-without-tenant\n");
        assertThat(run("gateway", "--api-key-file", keys.toString(), "--port", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("keys.txt:3: expected TENANT=KEY").doesNotContain("sk-secret").doesNotContain("sk-good");
    }

    @Test
    void discoveryExcludesAModelsFolderAndANamespaceNeedsDiscovery() {
        assertThat(run("gateway", "--discover", "--models", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--discover and --models exclude each other");
        assertThat(run("gateway", "--namespace", "llm")).isEqualTo(1);
        assertThat(err.toString()).contains("--namespace: only with --discover");
    }

    @Test
    void benchGatewayIsASubcommandOfBench() {
        assertThat(run("bench", "gateway", "--rate", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate");
    }
}
