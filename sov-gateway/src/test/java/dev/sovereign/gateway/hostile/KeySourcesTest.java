package dev.sovereign.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.GatewayLauncher;
import dev.sovereign.gateway.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: API keys from a file or the environment, so they stay out of ps output. */
class KeySourcesTest {

    @TempDir
    Path dir;

    @Test
    void keysFromAFileAndFromTheEnvironmentAuthenticate() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# one per line\n\nteam-a=sk-from-file\n");
        Map<String, String> env = Map.of("SOV_DATA_DIR", dir.resolve("data").toString(),
                GatewayLauncher.API_KEYS_VARIABLE, "team-b=sk-from-env-1, team-c=sk-from-env-2");
        List<String> keys = new ArrayList<>(GatewayLauncher.keyFile(file));
        keys.addAll(GatewayLauncher.keyVariable(env::get));
        try (Gateway gateway = GatewayLauncher.start(new GatewayLauncher.Options(null, null, keys, 0), env::get)) {
            Http http = new Http(gateway.port());
            for (String key : List.of("sk-from-file", "sk-from-env-1", "sk-from-env-2")) {
                assertThat(http.get("/v1/models", key).statusCode()).as(key).isEqualTo(200);
            }
            assertThat(http.get("/v1/models", "sk-other").statusCode()).isEqualTo(401);
        }
    }
}
