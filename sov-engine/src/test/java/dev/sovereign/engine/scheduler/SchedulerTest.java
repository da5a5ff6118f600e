package dev.sovereign.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static Sequence sequence(long id, int promptLength, int maxTokens) {
        return new Sequence(id, IntStream.range(0, promptLength).map(i -> (int) (i + id * 1000)).toArray(), promptLength + maxTokens);
    }

    private static void run(Scheduler scheduler, Step step) {
        for (Chunk c : step.chunks()) {
            scheduler.computed(c);
            if (c.samples()) {
                c.sequence().append(1);
            }
        }
    }

    @Test
    void aLongPromptIsChunkedWhileARunningSequenceKeepsDecoding() {
        Scheduler scheduler = new Scheduler(new BlockManager(64, true), new SchedulerConfig(8, 32, 10));
        Sequence decoding = sequence(1, 8, 50);
        scheduler.add(decoding);
        run(scheduler, scheduler.schedule());
        Sequence longPrompt = sequence(2, 100, 5);
        scheduler.add(longPrompt);
        for (int step = 0; step < 4; step++) {
            Step s = scheduler.schedule();
            assertThat(s.chunks().getFirst().sequence()).isSameAs(decoding);
            assertThat(s.chunks().getFirst().count()).isEqualTo(1);
            assertThat(s.chunks().stream().mapToInt(Chunk::count).sum()).isLessThanOrEqualTo(32);
            run(scheduler, s);
        }
        assertThat(longPrompt.computed()).isEqualTo(100);
        assertThat(longPrompt.generatedLength()).isEqualTo(1);
    }

    @Test
    void maxNumSeqsLimitsTheBatchAndTheQueueLimitRefuses() {
        Scheduler scheduler = new Scheduler(new BlockManager(64, true), new SchedulerConfig(2, 512, 3));
        for (int i = 1; i <= 3; i++) {
            assertThat(scheduler.add(sequence(i, 4, 4))).isTrue();
        }
        assertThat(scheduler.add(sequence(4, 4, 4))).isFalse();
        assertThat(scheduler.schedule().chunks()).hasSize(2);
        assertThat(scheduler.runningCount()).isEqualTo(2);
        assertThat(scheduler.waitingCount()).isEqualTo(1);
    }

    @Test
    void runningOutOfBlocksPreemptsTheNewestAndRecomputesItLater() {
        Scheduler scheduler = new Scheduler(new BlockManager(3, false), new SchedulerConfig(4, 512, 10));
        Sequence older = sequence(1, 16, 20);
        Sequence newer = sequence(2, 16, 20);
        scheduler.add(older);
        scheduler.add(newer);
        run(scheduler, scheduler.schedule());
        Step next = scheduler.schedule();
        assertThat(scheduler.preemptions()).isEqualTo(1);
        assertThat(next.chunks()).extracting(Chunk::sequence).containsExactly(older);
        assertThat(newer.computed()).isZero();
        assertThat(newer.blockTable()).isEmpty();
        assertThat(newer.length()).as("its generated token is kept and recomputed").isEqualTo(17);
        scheduler.finish(older);
        assertThat(scheduler.schedule().chunks()).extracting(Chunk::count).containsExactly(17);
    }

    @Test
    void cancelledSequencesAreDroppedAndTheirBlocksFreed() {
        BlockManager blocks = new BlockManager(8, false);
        Scheduler scheduler = new Scheduler(blocks, new SchedulerConfig(4, 512, 10));
        Sequence s = sequence(1, 20, 10);
        scheduler.add(s);
        run(scheduler, scheduler.schedule());
        s.cancel();
        Step step = scheduler.schedule();
        assertThat(step.cancelled()).containsExactly(s);
        assertThat(blocks.usage()).isZero();
        assertThat(scheduler.idle()).isTrue();
    }

    @Test
    void aRequestWithSeveralChoicesHoldsAPlaceForEachAndForksOnTheParentsBlocks() {
        Scheduler scheduler = new Scheduler(new BlockManager(64, false), new SchedulerConfig(4, 512, 10));
        Sequence parent = sequence(1, 20, 8);
        parent.reserveForks(2);
        Sequence other = sequence(2, 4, 4);
        Sequence third = sequence(3, 4, 4);
        scheduler.add(parent);
        scheduler.add(other);
        scheduler.add(third);
        Step first = scheduler.schedule();
        assertThat(first.chunks()).as("3 places for the parent's choices, 1 left").extracting(Chunk::sequence)
                .containsExactly(parent, other);
        for (Chunk c : first.chunks()) {
            scheduler.computed(c);
        }
        Sequence child = new Sequence(11, parent.prompt(), 28);
        scheduler.fork(parent, child);
        assertThat(child.state()).isEqualTo(Sequence.State.RUNNING);
        assertThat(child.blockTable()).containsExactlyElementsOf(parent.blockTable());
        scheduler.dropFork(parent);
        assertThat(parent.pendingForks()).isZero();
        assertThat(scheduler.promptTokensComputed()).as("the child's prompt is not computed again").isEqualTo(24);
        parent.append(1);
        child.append(2);
        other.append(3);
        Step next = scheduler.schedule();
        assertThat(next.chunks()).extracting(Chunk::sequence).containsExactly(parent, other, child, third);
        assertThat(next.copies()).as("the first writer of the shared partial block copies it").hasSize(1);
    }
}
