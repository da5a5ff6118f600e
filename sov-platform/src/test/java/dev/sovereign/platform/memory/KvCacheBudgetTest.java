package dev.sovereign.platform.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The KV share of the heap: full pools while they fit, then what is left, then a refusal that says what to change. */
class KvCacheBudgetTest {

    private static final long MIB = 1L << 20;

    @Test
    void aReplicaGetsAllItCanUseThenWhatIsLeftWithItsConcurrencyReduced() {
        KvCacheBudget budget = new KvCacheBudget(100 * MIB, "a test share");
        KvCacheBudget.Grant first = budget.reserve(request(64, OptionalLong.empty()));
        assertThat(first.bytes()).isEqualTo(64 * MIB);
        assertThat(first.maxConcurrency()).isEqualTo(64);

        KvCacheBudget.Grant second = budget.reserve(request(64, OptionalLong.empty()));
        assertThat(second.bytes()).isEqualTo(36 * MIB);
        assertThat(second.maxConcurrency()).isEqualTo(36);

        assertThatThrownBy(() -> budget.reserve(request(64, OptionalLong.empty())))
                .isInstanceOf(KvCacheTooSmallException.class)
                .hasMessageContaining("model m: one sequence of spec.model.contextWindow 2048 needs 1 MiB")
                .hasMessageContaining("only 0 MiB is left")
                .hasMessageContaining("lower contextWindow", "-Xmx", "engine.kvCacheHeapPercent");

        first.release();
        first.release(); // twice gives back once
        assertThat(budget.reserved()).isEqualTo(36 * MIB);
        assertThat(budget.reserve(request(8, OptionalLong.empty())).bytes()).isEqualTo(8 * MIB);
    }

    @Test
    void aDeclaredSizeIsTakenAsItIsButMustHoldOneSequenceAndFitTheShare() {
        KvCacheBudget budget = new KvCacheBudget(100 * MIB, "a test share");
        KvCacheBudget.Grant declared = budget.reserve(request(4, OptionalLong.of(10 * MIB)));
        assertThat(declared.bytes()).as("more than 4 sequences need, still taken (prefix caching uses it)").isEqualTo(10 * MIB);
        assertThat(declared.maxConcurrency()).isEqualTo(4);

        assertThatThrownBy(() -> budget.reserve(request(4, OptionalLong.of(MIB / 2))))
                .hasMessageContaining("spec.cache.kvCacheMemory").hasMessageContaining("less than one sequence")
                .hasMessageContaining("raise kvCacheMemory to at least 1 MiB");
        assertThatThrownBy(() -> budget.reserve(request(4, OptionalLong.of(200 * MIB))))
                .hasMessageContaining("spec.cache.kvCacheMemory (200 MiB) is more than the 90 MiB left");
        assertThat(budget.reserved()).as("refusals reserve nothing").isEqualTo(10 * MIB);
    }

    @Test
    void theHeapShareIsAPercentOfMaxMemory() {
        KvCacheBudget budget = KvCacheBudget.ofHeap(40);
        assertThat(budget.total()).isEqualTo(Runtime.getRuntime().maxMemory() / 100 * 40);
    }

    private static KvCacheBudget.Request request(int maxNumSeqs, OptionalLong declared) {
        return new KvCacheBudget.Request("m", 2048, MIB, maxNumSeqs, declared);
    }

    @Test
    void sizesPrintExactlySoADeclaredSizeAndWhatItLacksNeverLookAlike() {
        assertThat(KvCacheBudget.exactSize(64 * MIB)).isEqualTo("64 MiB");
        assertThat(KvCacheBudget.exactSize(MIB - 1024)).isEqualTo("1023 KiB");
        assertThat(KvCacheBudget.exactSize(MIB + 1)).isEqualTo("1048577 bytes");
        KvCacheBudget budget = new KvCacheBudget(100 * MIB, "a test share");
        assertThatThrownBy(() -> budget.reserve(request(64, OptionalLong.of(MIB - 1024))))
                .isInstanceOf(KvCacheTooSmallException.class)
                .hasMessageContaining("spec.cache.kvCacheMemory (1023 KiB) holds less than one sequence")
                .hasMessageContaining("(1 MiB)");
    }
}
