package dev.sovereign.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from a real HTTP fake hub into a real store folder: verified, resumed, corrupted, idempotent, locked. */
class WeightStoreTest {

    private static final String WEIGHTS_1 = "model-00001-of-00002.safetensors";
    private static final String WEIGHTS_2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path data;

    private final FakeHub hub = new FakeHub();
    private final FakeHub.Repo repo = FakeHub.sampleRepo("sov-test/tiny-model", 1);
    private final Map<String, String> env = new HashMap<>();

    WeightStoreTest() {
        hub.add(repo);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private WeightStore store() {
        env.putIfAbsent("HF_ENDPOINT", hub.endpoint().toString());
        env.putIfAbsent("HF_HOME", data.resolve("hf-home").toString());
        return WeightStore.open(data.resolve("models"), HubSettings.fromEnvironment(env::get));
    }

    private PullReport pull(WeightStore store, String revision) {
        return store.pull(repo.id(), revision, data, PullListener.NONE);
    }

    private void assertSnapshotHoldsTheRepository(Path folder) throws Exception {
        for (var file : repo.files().entrySet()) {
            assertThat(Files.readAllBytes(folder.resolve(file.getKey()))).as(file.getKey()).isEqualTo(file.getValue());
        }
        assertThat(Files.readString(folder.resolve(StoreLayout.MARKER)).strip()).isEqualTo(repo.id() + "@" + repo.commit());
    }

    @Test
    void pullFetchesAndVerifiesEveryFileThenWritesTheMarkerAndTheRef() throws Exception {
        WeightStore store = store();
        PullReport report = pull(store, "main");

        long total = repo.files().values().stream().mapToLong(b -> b.length).sum();
        assertThat(report.source()).isEqualTo(PullReport.Source.DOWNLOADED);
        assertThat(report.commit()).isEqualTo(repo.commit());
        assertThat(report.filesDownloaded()).isEqualTo(4);
        assertThat(report.bytesDownloaded()).isEqualTo(total);
        assertThat(report.folder()).isEqualTo(data.resolve("models/sov-test--tiny-model/snapshots/" + repo.commit()));
        assertSnapshotHoldsTheRepository(report.folder());
        assertThat(Files.readString(data.resolve("models/sov-test--tiny-model/refs/main")).strip()).isEqualTo(repo.commit());
        assertThat(store.local(repo.id(), "main", data)).contains(report.folder());
        assertThat(store.local(repo.id(), repo.commit(), data)).contains(report.folder());
        assertThat(store.layout().partialFolder(repo.id(), repo.commit())).doesNotExist();
    }

    @Test
    void theBundledSovTinyIsPulledByteForByte() throws Exception {
        Path tiny = Path.of(System.getProperty("sov.root", "..")).resolve("models/sov-tiny");
        FakeHub.Repo real = FakeHub.repoFromFolder("sovereign/sov-tiny", tiny);
        hub.add(real);
        PullReport report = store().pull(real.id(), "main", data, PullListener.NONE);
        assertThat(report.filesDownloaded()).isEqualTo(real.files().size());
        for (var file : real.files().entrySet()) {
            assertThat(FileVerifier.digest(report.folder().resolve(file.getKey()), "SHA-256", null))
                    .as(file.getKey()).isEqualTo(FakeHub.sha256(Files.readAllBytes(tiny.resolve(file.getKey()))));
        }
    }

    @Test
    void aCutConnectionIsResumedWithRangeAndOnlyTheRestIsServedAgain() throws Exception {
        hub.cutOnce.put(WEIGHTS_1, 100_000L);
        PullReport report = pull(store(), "main");

        assertSnapshotHoldsTheRepository(report.folder());
        assertThat(hub.ranges).containsExactly(WEIGHTS_1 + " bytes=100000-");
        // 100 000 bytes before the cut, then only the 200 000 left: not the whole 300 000 file twice.
        assertThat(hub.served(WEIGHTS_1)).isEqualTo(300_000);
    }

    @Test
    void aBusyHubIsRetriedAndAPullTheDiskCannotHoldIsRefusedUpFront() throws Exception {
        hub.unavailable.put("config.json", 2);
        assertSnapshotHoldsTheRepository(pull(store(), "main").folder());

        hub.add(new FakeHub.Repo("sov-test/huge", "main", repo.commit(), repo.files()));
        hub.listedSize.put(WEIGHTS_1, 1L << 60);
        assertThatThrownBy(() -> store().pull("sov-test/huge", "main", data, PullListener.NONE))
                .hasMessageContaining("sov-test/huge@main needs 1.0 EiB").hasMessageContaining("free");
    }

    @Test
    void aPartialFileLeftByAKilledPullIsResumedByTheNextPull() throws Exception {
        WeightStore store = store();
        Path partial = store.layout().partialFolder(repo.id(), repo.commit()).resolve(WEIGHTS_1 + ".incomplete");
        Files.createDirectories(partial.getParent());
        Files.write(partial, java.util.Arrays.copyOf(repo.files().get(WEIGHTS_1), 123_456));

        PullReport report = pull(store, "main");

        assertSnapshotHoldsTheRepository(report.folder());
        assertThat(hub.ranges).containsExactly(WEIGHTS_1 + " bytes=123456-");
        assertThat(hub.served(WEIGHTS_1)).isEqualTo(300_000 - 123_456);
        assertThat(partial).doesNotExist();
    }

    @Test
    void aCorruptedFileIsDetectedNamedAndDiscardedAndNoMarkerIsWritten() throws Exception {
        hub.corrupt.add(WEIGHTS_2);
        WeightStore store = store();

        assertThatThrownBy(() -> pull(store, "main")).isInstanceOf(StoreException.class)
                .hasMessageContaining(WEIGHTS_2).hasMessageContaining(repo.id() + "@" + repo.commit())
                .hasMessageContaining("sha256").hasMessageContaining(FakeHub.sha256(repo.files().get(WEIGHTS_2)));
        Path snapshot = store.layout().snapshot(repo.id(), repo.commit());
        assertThat(snapshot.resolve(StoreLayout.MARKER)).doesNotExist();
        assertThat(snapshot.resolve(WEIGHTS_2)).doesNotExist();
        assertThat(store.layout().partialFolder(repo.id(), repo.commit()).resolve(WEIGHTS_2 + ".incomplete")).doesNotExist();
        assertThat(store.local(repo.id(), "main", data)).isEmpty();

        hub.corrupt.clear();
        int before = hub.downloads.get();
        PullReport retry = pull(store, "main");
        assertThat(hub.downloads.get() - before).as("only the discarded file is fetched again").isEqualTo(1);
        assertThat(retry.filesDownloaded()).isEqualTo(1);
        assertSnapshotHoldsTheRepository(retry.folder());
    }

    @Test
    void aSecondPullIsANoOpAndAPinnedCommitMakesNoRequestAtAll() {
        WeightStore store = store();
        Path folder = pull(store, "main").folder();
        int downloads = hub.downloads.get();
        int listings = hub.listings.get();

        PullReport again = pull(store, "main");
        assertThat(again.source()).isEqualTo(PullReport.Source.ALREADY_COMPLETE);
        assertThat(again.folder()).isEqualTo(folder);
        assertThat(hub.downloads.get()).as("no file downloaded").isEqualTo(downloads);
        assertThat(hub.listings.get()).as("the branch is resolved once").isEqualTo(listings + 1);

        PullReport pinned = pull(store, repo.commit());
        assertThat(pinned.noop()).isTrue();
        assertThat(store.ensure(repo.id(), "main", data)).isEqualTo(folder);
        assertThat(hub.listings.get()).as("pinned pull and ensure ask nothing").isEqualTo(listings + 1);
        assertThat(hub.downloads.get()).isEqualTo(downloads);
    }

    @Test
    void twoConcurrentPullsOfOneRepositoryEndWithOneCorrectCopy() throws Exception {
        hub.chunkDelayMs = 2;
        WeightStore first = store();
        WeightStore second = WeightStore.open(data.resolve("models"), HubSettings.fromEnvironment(env::get));

        var a = CompletableFuture.supplyAsync(() -> pull(first, "main"));
        var b = CompletableFuture.supplyAsync(() -> pull(second, "main"));
        PullReport ra = a.get(60, TimeUnit.SECONDS);
        PullReport rb = b.get(60, TimeUnit.SECONDS);

        assertThat(ra.folder()).isEqualTo(rb.folder());
        assertThat(java.util.List.of(ra.source(), rb.source()))
                .containsExactlyInAnyOrder(PullReport.Source.DOWNLOADED, PullReport.Source.ALREADY_COMPLETE);
        assertThat(hub.downloads.get()).as("each file fetched once").isEqualTo(4);
        assertSnapshotHoldsTheRepository(ra.folder());
    }

    @Test
    void filesDownloadInParallelUpToTheBound() {
        hub.chunkDelayMs = 3;
        WeightStore two = WeightStore.open(data.resolve("models"), HubSettings.fromEnvironment(Map.of(
                "HF_ENDPOINT", hub.endpoint().toString(), "HF_HOME", data.toString())::get).withParallelism(2));
        pull(two, "main");
        assertThat(hub.maxInFlight.get()).isEqualTo(2);
        assertThat(HubSettings.fromEnvironment(Map.<String, String>of()::get).parallelism()).isEqualTo(4);
    }

    @Test
    void aPullWaitsWhileAnotherProcessHoldsTheRepositoryLock() throws Exception {
        WeightStore store = store();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), store.layout().lockFile(repo.id()).toString()).start();
        try {
            var lines = new BufferedReader(new InputStreamReader(holder.getInputStream()));
            assertThat(lines.readLine()).isEqualTo("locked");

            var notes = new java.util.concurrent.CopyOnWriteArrayList<String>();
            var pulling = CompletableFuture.supplyAsync(() -> store.pull(repo.id(), "main", data, new PullListener() {
                @Override
                public void note(String message) {
                    notes.add(message);
                }
            }));
            Thread.sleep(700);
            assertThat(pulling).as("blocked by the other process").isNotDone();
            assertThat(notes).singleElement().asString().contains("waiting for another pull of " + repo.id());
            assertThat(hub.downloads.get()).isZero();

            holder.getOutputStream().close();
            assertSnapshotHoldsTheRepository(pulling.get(60, TimeUnit.SECONDS).folder());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theTokenIsSentAsBearerFromTheVariableOrTheTokenFile() throws Exception {
        hub.requiredToken = "hf_test_secret";
        assertThatThrownBy(() -> pull(store(), "main")).isInstanceOf(StoreException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("HF_TOKEN");

        Path tokenFile = data.resolve("token");
        Files.writeString(tokenFile, "hf_test_secret\n");
        env.put("HF_TOKEN_PATH", tokenFile.toString());
        assertSnapshotHoldsTheRepository(pull(store(), "main").folder());
        assertThat(hub.authorizations).isNotEmpty().allMatch("Bearer hf_test_secret"::equals);

        env.put("HF_TOKEN", "hf_wrong");
        assertThat(HubSettings.fromEnvironment(env::get).token()).contains("hf_wrong");
        assertThat(HubSettings.fromEnvironment(env::get).toString()).doesNotContain("hf_wrong");
    }

    @Test
    void hfEndpointIsHonouredAndDefaultsToTheHub() {
        env.put("HF_ENDPOINT", hub.endpoint() + "/");
        env.put("HF_HOME", data.toString());
        assertThat(HubSettings.fromEnvironment(env::get).endpoint()).isEqualTo(hub.endpoint());
        assertThat(pull(store(), "main").source()).isEqualTo(PullReport.Source.DOWNLOADED);
        assertThat(hub.listings.get()).isEqualTo(1);

        assertThat(HubSettings.fromEnvironment(Map.of("HF_HOME", data.toString())::get).endpoint())
                .isEqualTo(HubSettings.DEFAULT_ENDPOINT);
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "ftp://mirror")::get))
                .hasMessageContaining("HF_ENDPOINT");
    }

    @Test
    void offlineAMissingModelIsAClearErrorAndACompleteCopyServesWithoutRequests() {
        env.put("HF_HUB_OFFLINE", "1");
        WeightStore offline = store();
        assertThatThrownBy(() -> offline.ensure(repo.id(), "main", data)).isInstanceOf(StoreException.class)
                .hasMessageContaining(repo.id() + "@main").hasMessageContaining(data.resolve("models").toString())
                .hasMessageContaining("HF_HUB_OFFLINE").hasMessageContaining("sov pull " + repo.id() + "@main")
                .hasMessageContaining("file:");
        assertThat(hub.listings.get() + hub.downloads.get()).isZero();

        env.remove("HF_HUB_OFFLINE");
        Path folder = pull(store(), "main").folder();
        int requests = hub.listings.get() + hub.downloads.get();
        env.put("HF_HUB_OFFLINE", "1");
        assertThat(pull(store(), "main").folder()).isEqualTo(folder);
        assertThat(store().ensure(repo.id(), "main", data)).isEqualTo(folder);
        assertThat(hub.listings.get() + hub.downloads.get()).isEqualTo(requests);
    }

    @Test
    void anUnreachableHubIsAClearErrorUnlessACompleteCopyIsThere() {
        Path folder = pull(store(), "main").folder();
        String endpoint = hub.endpoint().toString();
        hub.close();
        assertThat(pull(store(), "main").folder()).as("the local copy serves").isEqualTo(folder);
        assertThatThrownBy(() -> store().pull("sov-test/other", "main", data, PullListener.NONE))
                .isInstanceOf(StoreException.class).hasMessageContaining("sov-test/other@main")
                .hasMessageContaining("cannot reach the hub at " + endpoint).hasMessageContaining("sov pull");
    }

    @Test
    void fileRepositoriesAreUsedInPlaceRelativeToTheDeclaringFile() throws Exception {
        Path root = Path.of(System.getProperty("sov.root", ".."));
        WeightStore store = store();
        Path bundled = root.resolve("models/sov-tiny").toAbsolutePath().normalize();
        assertThat(store.ensure("file:models/sov-tiny", null, root)).isEqualTo(bundled);
        assertThat(store.pull("file:models/sov-tiny", null, root, PullListener.NONE).source())
                .isEqualTo(PullReport.Source.LOCAL_FOLDER);

        Files.createDirectories(data.resolve("empty"));
        assertThatThrownBy(() -> store.ensure("file:empty", null, data)).hasMessageContaining("neither a config.json nor a .gguf");
        assertThatThrownBy(() -> store.ensure("file:nowhere", null, data)).hasMessageContaining("no such folder")
                .hasMessageContaining(data.resolve("nowhere").toString());
        Files.writeString(data.resolve("empty/m.gguf"), "GGUF");
        assertThat(store.local("file:empty", null, data)).contains(data.resolve("empty"));
        assertThat(store.ensure("file:empty/m.gguf", null, data)).isEqualTo(data.resolve("empty/m.gguf"));
        assertThat(hub.listings.get() + hub.downloads.get()).isZero();
    }

    @Test
    void badNamesAreRefusedBeforeAnyPathIsBuilt() {
        WeightStore store = store();
        assertThatThrownBy(() -> store.pull("../etc", "main", data, PullListener.NONE)).hasMessageContaining("repository");
        assertThatThrownBy(() -> store.pull("a/b/c", "main", data, PullListener.NONE)).hasMessageContaining("repository");
        assertThatThrownBy(() -> store.pull("a/b", "../../x", data, PullListener.NONE)).hasMessageContaining("revision");

        var evil = new java.util.LinkedHashMap<>(repo.files());
        evil.put("../escape.txt", new byte[] {1});
        hub.add(new FakeHub.Repo("sov-test/evil", "main", repo.commit(), evil));
        assertThatThrownBy(() -> store.pull("sov-test/evil", "main", data, PullListener.NONE))
                .hasMessageContaining("unsafe file name");
        assertThat(data.resolve("models/escape.txt")).doesNotExist();
    }

    @Test
    void anUnknownRepositoryIsNamedAndSlashesAndOddFileNamesTravelEncoded() {
        assertThatThrownBy(() -> store().pull("sov-test/missing", "main", data, PullListener.NONE))
                .hasMessageContaining("sov-test/missing@main not found on the hub");

        var files = new java.util.LinkedHashMap<>(repo.files());
        files.put("nested dir/a b+c é.txt", "odd names travel encoded".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        hub.add(new FakeHub.Repo("sov-test/pr", "refs/pr/1", repo.commit(), files));
        WeightStore store = store();
        PullReport report = store.pull("sov-test/pr", "refs/pr/1", data, PullListener.NONE);
        assertThat(report.folder().resolve("nested dir/a b+c é.txt")).hasContent("odd names travel encoded");
        assertThat(report.commit()).isEqualTo(repo.commit());
        assertThat(hub.listingPaths).contains("/api/models/sov-test/pr/revision/refs%2Fpr%2F1?blobs=true");
        assertThat(store.local("sov-test/pr", "refs/pr/1", data)).contains(report.folder());
    }
}
