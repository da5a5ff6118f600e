package dev.sovereign.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockManagerTest {

    private static int[] tokens(int from, int count) {
        return IntStream.range(from, from + count).toArray();
    }

    private static Sequence computedSequence(BlockManager blocks, long id, int[] prompt) {
        Sequence s = new Sequence(id, prompt, prompt.length + 8);
        blocks.adoptCachedPrefix(s);
        assertThat(blocks.ensureCapacity(s, prompt.length)).isTrue();
        s.advanceComputed(prompt.length - s.computed());
        blocks.registerFullBlocks(s);
        return s;
    }

    @Test
    void aSharedPrefixAdoptsTheSameBlocksAndLeavesTheLastTokenToCompute() {
        BlockManager blocks = new BlockManager(16, true);
        Sequence first = computedSequence(blocks, 1, tokens(0, 40));
        int[] sameStart = tokens(0, 40);
        sameStart[39] = 999;
        Sequence second = new Sequence(2, sameStart, 48);
        assertThat(blocks.adoptCachedPrefix(second)).isEqualTo(32);
        assertThat(second.blockTable()).containsExactlyElementsOf(first.blockTable().subList(0, 2));
        Sequence exact = new Sequence(3, tokens(0, 32), 40);
        assertThat(blocks.adoptCachedPrefix(exact)).as("the last token's logits are needed").isEqualTo(16);
        assertThat(blocks.hitTokens()).isEqualTo(48);
        assertThat(blocks.queriedTokens()).isEqualTo(40 + 40 + 32);
    }

    @Test
    void aDifferentEarlierBlockBreaksTheChain() {
        BlockManager blocks = new BlockManager(16, true);
        computedSequence(blocks, 1, tokens(0, 40));
        int[] prompt = tokens(0, 40);
        prompt[3] = 777;
        assertThat(blocks.adoptCachedPrefix(new Sequence(2, prompt, 48))).isZero();
    }

    @Test
    void unusedCachedBlocksAreEvictedLeastRecentlyFreedFirstOnlyWhenNeeded() {
        BlockManager blocks = new BlockManager(4, true);
        Sequence a = computedSequence(blocks, 1, tokens(0, 33));
        blocks.free(a);
        assertThat(blocks.freeBlocks()).isEqualTo(4);
        assertThat(blocks.usage()).isZero();
        Sequence b = new Sequence(2, tokens(100, 17), 20);
        assertThat(blocks.ensureCapacity(b, 17)).isTrue();
        // one plain free block and one evicted (a's tail block, freed first): a's first block is still cached
        assertThat(blocks.adoptCachedPrefix(new Sequence(3, tokens(0, 20), 24))).isEqualTo(16);
        Sequence big = new Sequence(4, tokens(500, 64), 64);
        assertThat(blocks.ensureCapacity(big, 64)).as("only 2 blocks left").isFalse();
        assertThat(big.blockTable()).isEmpty();
    }

    @Test
    void withoutPrefixCachingNothingIsShared() {
        BlockManager blocks = new BlockManager(8, false);
        computedSequence(blocks, 1, tokens(0, 40));
        assertThat(blocks.adoptCachedPrefix(new Sequence(2, tokens(0, 40), 48))).isZero();
    }

    /** A second sequence with the parent's prompt, forked onto its blocks, that has sampled one token. */
    private static Sequence forkWithOneToken(BlockManager blocks, Sequence parent) {
        Sequence child = new Sequence(parent.id() + 1, parent.prompt(), parent.maxLength());
        blocks.fork(parent, child);
        child.append(7);
        return child;
    }

    @Test
    void aForkSharesEveryBlockAndTheFirstWriteIntoTheSharedPartialBlockCopiesIt() {
        BlockManager blocks = new BlockManager(8, false);
        Sequence parent = computedSequence(blocks, 1, tokens(0, 40));
        Sequence child = forkWithOneToken(blocks, parent);
        assertThat(child.blockTable()).containsExactlyElementsOf(parent.blockTable());
        assertThat(child.computed()).isEqualTo(40);
        assertThat(parent.blockTable()).allSatisfy(b -> assertThat(blocks.references(b)).isEqualTo(2));
        assertThat(blocks.usedBlocks()).isEqualTo(3);

        int partial = parent.blockTable().get(2);
        assertThat(blocks.ensureCapacity(child, 41)).isTrue();
        int copy = child.blockTable().get(2);
        assertThat(copy).isNotEqualTo(partial);
        assertThat(blocks.takeCopies()).containsExactly(new BlockCopy(partial, copy));
        assertThat(blocks.takeCopies()).as("handed out once").isEmpty();
        assertThat(blocks.references(partial)).isEqualTo(1);
        assertThat(blocks.references(parent.blockTable().get(0))).as("full prompt blocks stay shared").isEqualTo(2);

        // the last holder of the partial block writes into it in place
        parent.append(9);
        assertThat(blocks.ensureCapacity(parent, 41)).isTrue();
        assertThat(parent.blockTable().get(2)).isEqualTo(partial);
        assertThat(blocks.takeCopies()).isEmpty();
        assertThat(blocks.usedBlocks()).isEqualTo(4);

        blocks.free(child);
        blocks.free(parent);
        assertThat(blocks.usedBlocks()).isZero();
    }

    @Test
    void aPromptEndingOnABlockBoundaryForksWithoutAnyCopy() {
        BlockManager blocks = new BlockManager(8, false);
        Sequence parent = computedSequence(blocks, 1, tokens(0, 32));
        Sequence child = forkWithOneToken(blocks, parent);
        assertThat(blocks.ensureCapacity(child, 33)).isTrue();
        assertThat(blocks.takeCopies()).isEmpty();
        assertThat(child.blockTable()).hasSize(3);
        assertThat(child.blockTable().subList(0, 2)).containsExactlyElementsOf(parent.blockTable());
    }

    @Test
    void aCopyOnWriteNeedsAFreeBlockAndTakesNothingWithoutOne() {
        BlockManager blocks = new BlockManager(3, false);
        Sequence parent = computedSequence(blocks, 1, tokens(0, 40));
        Sequence child = forkWithOneToken(blocks, parent);
        assertThat(blocks.ensureCapacity(child, 41)).isFalse();
        assertThat(child.blockTable()).containsExactlyElementsOf(parent.blockTable());
        assertThat(blocks.takeCopies()).isEmpty();
    }
}
