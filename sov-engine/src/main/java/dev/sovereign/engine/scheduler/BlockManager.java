package dev.sovereign.engine.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Hands out the fixed-size KV blocks of one preallocated pool. Each full block is named by a hash chained over every
 * token up to its end, so two sequences with the same prefix find the same blocks; a cached block nobody uses stays
 * filled and is evicted, least recently freed first, only when the pool has no plain free block left.
 *
 * <p>The choices of one request ({@code n}, {@code best_of}) share the prompt's blocks: a fork adds a reference to
 * each, and a sequence about to write into a block someone else still references gets its own copy first
 * (copy-on-write; only the prompt's last, partial block is ever written after a fork). The copies are handed to the
 * runner through {@link #takeCopies()}.
 */
public final class BlockManager {

    public static final int BLOCK_SIZE = 16;

    private final int numBlocks;
    private final boolean prefixCaching;
    private final int[] refCount;
    private final long[] hashOf;
    private final int[][] tokensOf;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final LinkedHashSet<Integer> evictable = new LinkedHashSet<>();
    private final Map<Long, Integer> cached = new HashMap<>();
    private final List<BlockCopy> copies = new ArrayList<>();
    private long queriedTokens;
    private long hitTokens;

    public BlockManager(int numBlocks, boolean prefixCaching) {
        if (numBlocks < 1) {
            throw new IllegalArgumentException("the KV cache must hold at least one block of " + BLOCK_SIZE + " tokens");
        }
        this.numBlocks = numBlocks;
        this.prefixCaching = prefixCaching;
        this.refCount = new int[numBlocks];
        this.hashOf = new long[numBlocks];
        this.tokensOf = new int[numBlocks][];
        for (int i = 0; i < numBlocks; i++) {
            free.add(i);
        }
    }

    public int numBlocks() {
        return numBlocks;
    }

    public static int blocksFor(int tokens) {
        return (tokens + BLOCK_SIZE - 1) / BLOCK_SIZE;
    }

    /**
     * Adopts every cached block of the sequence's leading full blocks; returns how many tokens they cover. At least
     * the last token is always left to compute, because its logits are needed.
     */
    public synchronized int adoptCachedPrefix(Sequence s) {
        if (!prefixCaching || !s.blockTable().isEmpty()) {
            return s.computed();
        }
        int fullBlocks = (s.length() - 1) / BLOCK_SIZE;
        long hash = 0;
        int adopted = 0;
        for (int b = 0; b < fullBlocks; b++) {
            hash = chain(hash, s.tokens(), b * BLOCK_SIZE);
            Integer block = cached.get(hash);
            if (block == null || !Arrays.equals(tokensOf[block], 0, BLOCK_SIZE, s.tokens(), b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE)) {
                break;
            }
            if (refCount[block]++ == 0) {
                evictable.remove(block);
            }
            s.blockTable().add(block);
            s.hashed(b + 1, hash);
            adopted++;
        }
        queriedTokens += s.length();
        hitTokens += (long) adopted * BLOCK_SIZE;
        s.adoptedPrefix(adopted * BLOCK_SIZE);
        return adopted * BLOCK_SIZE;
    }

    /**
     * Grows the block table to hold {@code tokens} positions, and gives the sequence its own copy of every block it
     * shares where it is about to write (positions from {@code computed()} on); false (and nothing taken) if the pool
     * is short.
     */
    public synchronized boolean ensureCapacity(Sequence s, int tokens) {
        List<Integer> table = s.blockTable();
        int needed = Math.max(0, blocksFor(tokens) - table.size());
        List<Integer> shared = sharedWriteBlocks(s, tokens);
        if (needed == 0 && shared.isEmpty()) {
            return true;
        }
        if (needed + shared.size() > free.size() + evictable.size()) {
            return false;
        }
        for (int index : shared) {
            int original = table.get(index);
            int copy = take();
            refCount[copy] = 1;
            refCount[original]--;
            table.set(index, copy);
            copies.add(new BlockCopy(original, copy));
        }
        for (int i = 0; i < needed; i++) {
            int block = take();
            refCount[block] = 1;
            table.add(block);
        }
        return true;
    }

    /** Indices in the table of the blocks that positions {@code [computed, tokens)} fall in and another sequence holds too. */
    private List<Integer> sharedWriteBlocks(Sequence s, int tokens) {
        List<Integer> table = s.blockTable();
        List<Integer> shared = new ArrayList<>(1);
        int last = Math.min(table.size(), blocksFor(tokens)) - 1;
        for (int b = s.computed() / BLOCK_SIZE; b <= last; b++) {
            if (refCount[table.get(b)] > 1) {
                shared.add(b);
            }
        }
        return shared;
    }

    /**
     * Starts {@code child}, a new sequence with the same prompt, on {@code parent}'s blocks and computed positions:
     * its prompt is never computed again. The parent must not have generated anything yet.
     */
    public synchronized void fork(Sequence parent, Sequence child) {
        if (!child.blockTable().isEmpty() || parent.generatedLength() > 0 || child.length() != parent.length()) {
            throw new IllegalStateException("only a fresh sequence with the same prompt forks from an unanswered one");
        }
        for (int block : parent.blockTable()) {
            refCount[block]++;
            child.blockTable().add(block);
        }
        child.forkedFrom(parent);
    }

    /** The copies decided since the last call, in order; the runner makes them before the step's forward pass. */
    public synchronized List<BlockCopy> takeCopies() {
        if (copies.isEmpty()) {
            return List.of();
        }
        List<BlockCopy> out = List.copyOf(copies);
        copies.clear();
        return out;
    }

    /** How many sequences reference the block (tests and the shared-prompt benchmark read it). */
    public synchronized int references(int block) {
        return refCount[block];
    }

    /** Blocks held by running sequences, shared ones counted once. */
    public synchronized int usedBlocks() {
        return numBlocks - free.size() - evictable.size();
    }

    /** Names the sequence's newly completed blocks so later sequences can adopt them. */
    public synchronized void registerFullBlocks(Sequence s) {
        if (!prefixCaching) {
            return;
        }
        int full = s.computed() / BLOCK_SIZE;
        long hash = s.lastBlockHash();
        for (int b = s.hashedBlocks(); b < full; b++) {
            hash = chain(hash, s.tokens(), b * BLOCK_SIZE);
            int block = s.blockTable().get(b);
            if (!cached.containsKey(hash)) {
                cached.put(hash, block);
                hashOf[block] = hash;
                tokensOf[block] = Arrays.copyOfRange(s.tokens(), b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE);
            }
            s.hashed(b + 1, hash);
        }
    }

    /** Returns the sequence's blocks; cached ones stay findable until evicted. */
    public synchronized void free(Sequence s) {
        List<Integer> table = s.blockTable();
        // tail blocks first, so the least shared part of a prefix is the first to be evicted
        for (int i = table.size() - 1; i >= 0; i--) {
            int block = table.get(i);
            if (--refCount[block] == 0) {
                if (tokensOf[block] != null) {
                    evictable.add(block);
                } else {
                    free.add(block);
                }
            }
        }
        s.resetForRecompute();
    }

    public synchronized int freeBlocks() {
        return free.size() + evictable.size();
    }

    /** Fraction of blocks held by running sequences (cached-but-unused blocks count as free, as in vLLM). */
    public synchronized double usage() {
        return (numBlocks - free.size() - evictable.size()) / (double) numBlocks;
    }

    public synchronized long queriedTokens() {
        return queriedTokens;
    }

    public synchronized long hitTokens() {
        return hitTokens;
    }

    private int take() {
        if (!free.isEmpty()) {
            return free.poll();
        }
        Iterator<Integer> oldest = evictable.iterator();
        int block = oldest.next();
        oldest.remove();
        cached.remove(hashOf[block]);
        tokensOf[block] = null;
        return block;
    }

    private static long chain(long previous, int[] tokens, int from) {
        long h = previous * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        for (int i = from; i < from + BLOCK_SIZE; i++) {
            h = (h ^ tokens[i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }
}
