package dev.sovereign.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyIndexIsVisitedExactlyOnce() {
        try (Parallel parallel = new Parallel(3)) {
            for (int n = 0; n < 200; n += 7) {
                AtomicIntegerArray visits = new AtomicIntegerArray(Math.max(1, n));
                for (int round = 0; round < 50; round++) {
                    parallel.forRange(n, 1, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            visits.incrementAndGet(i);
                        }
                    });
                }
                for (int i = 0; i < n; i++) {
                    assertThat(visits.get(i)).as("index %d of %d", i, n).isEqualTo(50);
                }
            }
        }
    }

    @Test
    void aFailingPieceFailsTheCallAndLeavesTheTeamUsable() {
        try (Parallel parallel = new Parallel(2)) {
            assertThatThrownBy(() -> parallel.forRange(64, 1, (from, to) -> {
                if (from == 0) {
                    throw new IllegalArgumentException("piece failed");
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("piece failed");
            int[] sum = new int[1];
            parallel.forRange(64, 64, (from, to) -> sum[0] += to - from);
            assertThat(sum[0]).isEqualTo(64);
        }
    }

    @Test
    void aNestedCallRunsOnItsCallersThread() {
        try (Parallel parallel = new Parallel(2)) {
            AtomicIntegerArray visits = new AtomicIntegerArray(16 * 16);
            parallel.forRange(16, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int outer = i;
                    Thread caller = Thread.currentThread();
                    parallel.forRange(16, 1, (f, t) -> {
                        assertThat(Thread.currentThread()).isSameAs(caller);
                        for (int j = f; j < t; j++) {
                            visits.incrementAndGet(outer * 16 + j);
                        }
                    });
                }
            });
            for (int i = 0; i < 256; i++) {
                assertThat(visits.get(i)).isEqualTo(1);
            }
        }
    }
}
