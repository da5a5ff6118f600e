package dev.sovereign.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.platform.store.FakeHub;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model declared by its hub repository is pulled into the store on reconcile, once; offline it says what to do. */
class PreloadTest {

    @Test
    void aDeclaredRepositoryIsPulledThenServed(@TempDir Path root) throws Exception {
        try (FakeHub hub = new FakeHub()) {
            hub.add(FakeHub.repoFromFolder("sovereign/sov-tiny", ServedPlatform.SOV_TINY));
            String model = ServedPlatform.model("hub-tiny", "sovereign/sov-tiny", "maxNumSeqs: 4", "");
            try (ServedPlatform served = new ServedPlatform(root, 1, Map.of("hub.yaml", model),
                    Map.of("HF_ENDPOINT", hub.endpoint().toString()))) {
                assertThat(served.model("hub-tiny").readyReplicas()).isEqualTo(1);
                assertThat(served.chat("hub-tiny", "What is 12 + 30?", 16).body()).contains("42");
                assertThat(hub.downloads.get()).isPositive();
            }
            int downloads = hub.downloads.get();
            int listings = hub.listings.get();
            // a restart on the same data folder serves from the store without asking the hub anything
            try (ServedPlatform again = new ServedPlatform(root, 1, Map.of("hub.yaml", model),
                    Map.of("HF_ENDPOINT", hub.endpoint().toString()))) {
                assertThat(again.model("hub-tiny").readyReplicas()).isEqualTo(1);
            }
            assertThat(hub.downloads.get()).isEqualTo(downloads);
            assertThat(hub.listings.get()).isEqualTo(listings);
        }
    }

    @Test
    void offlineAMissingModelIsReportedWithWhatToDo(@TempDir Path root) throws Exception {
        String model = ServedPlatform.model("absent", "sovereign/not-pulled", "maxNumSeqs: 4", "");
        try (ServedPlatform served = new ServedPlatform(root, 1, Map.of("absent.yaml", model), Map.of("HF_HUB_OFFLINE", "1"))) {
            PlatformStatus.Model absent = served.model("absent");
            assertThat(absent.readyReplicas()).isZero();
            assertThat(absent.lastError()).contains("sovereign/not-pulled").contains("sov pull");
            assertThat(served.modelIds()).doesNotContain("absent");
        }
    }
}
