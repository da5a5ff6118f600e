package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.platform.store.FakeHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sov pull} against a real fake hub on loopback, as a user runs it (the store itself is tested in sov-platform). */
class PullCommandTest extends CliTest {

    @TempDir
    Path dir;

    private final FakeHub hub = new FakeHub();
    private final FakeHub.Repo repo = FakeHub.sampleRepo("sov-test/cli-model", 7);
    private final Map<String, String> env = new HashMap<>();

    PullCommandTest() {
        hub.add(repo);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Override
    protected void prepare(CommandLine commandLine) {
        env.putIfAbsent("HF_ENDPOINT", hub.endpoint().toString());
        env.putIfAbsent("HF_HOME", dir.resolve("hf-home").toString());
        ((PullCommand) commandLine.getSubcommands().get("pull").getCommand()).environment = env;
    }

    @Test
    void pullPrintsProgressOnStderrAndTheFolderOnStdoutThenIsANoOp() throws Exception {
        Path config = dir.resolve("sov.yaml");
        Files.writeString(config, "dataDir: data\n");
        Path expected = dir.resolve("data/models/sov-test--cli-model/snapshots/" + repo.commit());

        assertThat(run("pull", repo.id() + "@main", "--config", config.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo(expected.toString());
        assertThat(err.toString()).contains("4 to fetch", "[4/4]", "fetched 4 files");
        assertThat(Files.readAllBytes(expected.resolve("model-00001-of-00002.safetensors")))
                .isEqualTo(repo.files().get("model-00001-of-00002.safetensors"));
        int downloads = hub.downloads.get();

        out.getBuffer().setLength(0);
        assertThat(run("pull", repo.id(), "--config", config.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo(expected.toString());
        assertThat(err.toString()).contains("already complete");
        assertThat(hub.downloads.get()).isEqualTo(downloads);
    }

    @Test
    void sovDataDirChoosesTheStoreAndAPinnedCommitNeedsNoHubOnceComplete() {
        env.put("SOV_DATA_DIR", dir.resolve("elsewhere").toString());
        assertThat(run("pull", repo.id(), "--revision", repo.commit())).isZero();
        assertThat(out.toString().strip()).startsWith(dir.resolve("elsewhere/models").toString());

        int requests = hub.listings.get() + hub.downloads.get();
        env.put("HF_HUB_OFFLINE", "1");
        assertThat(run("pull", repo.id() + "@" + repo.commit())).isZero();
        assertThat(hub.listings.get() + hub.downloads.get()).isEqualTo(requests);
    }

    @Test
    void offlineAndMissingIsOneLineSayingWhatToDo() {
        env.put("SOV_DATA_DIR", dir.toString());
        env.put("HF_HUB_OFFLINE", "1");
        assertThat(run("pull", "sov-test/absent@v1")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("sov pull: sov-test/absent@v1 is not in the store")
                .contains("sov pull sov-test/absent@v1", "file:PATH").doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theRevisionIsGivenOnceAndAFileRepositoryPrintsItsFolder() throws Exception {
        assertThat(run("pull", repo.id() + "@main", "--revision", "main")).isEqualTo(2);
        assertThat(err.toString()).contains("give the revision once");

        Path model = Files.createDirectories(dir.resolve("my-model"));
        Files.writeString(model.resolve("config.json"), "{}");
        out.getBuffer().setLength(0);
        assertThat(run("pull", "file:" + model)).isZero();
        assertThat(out.toString().strip()).isEqualTo(model.toString());
    }
}
