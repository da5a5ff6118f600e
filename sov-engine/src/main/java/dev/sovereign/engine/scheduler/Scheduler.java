package dev.sovereign.engine.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Iteration-level scheduling, first come first served: each step continues the running sequences (their decodes
 * first, then unfinished prefill chunks), then admits waiting ones while the token budget, {@code maxNumSeqs} and the
 * block pool allow. When a running sequence needs a block and none is left, the most recently admitted sequence is preempted:
 * its blocks are freed and it goes back to the front of the queue to be recomputed (prefix caching usually makes
 * that recompute cheap).
 */
public final class Scheduler {

    private final BlockManager blocks;
    private final SchedulerConfig config;
    private final Deque<Sequence> waiting = new ArrayDeque<>();
    private final List<Sequence> running = new ArrayList<>();
    private long preemptions;

    public Scheduler(BlockManager blocks, SchedulerConfig config) {
        this.blocks = blocks;
        this.config = config;
    }

    /** Queues a sequence; false when the queue is full. */
    public synchronized boolean add(Sequence s) {
        if (waiting.size() >= config.maxWaiting()) {
            return false;
        }
        waiting.add(s);
        return true;
    }

    /**
     * Decodes first (one token each, preempting the newest sequence when blocks run out), then the unfinished
     * prefills of running sequences, then admissions, each prefill taking what is left of the token budget. So a
     * prompt longer than the budget is prefilled in chunks, and every step still carries one token for each decoding
     * sequence: a decode waits at most one step of {@code maxBatchedTokens} tokens, however long the prompt.
     */
    public synchronized Step schedule() {
        List<Sequence> cancelled = dropCancelled();
        List<Chunk> chunks = new ArrayList<>();
        int budget = config.maxBatchedTokens();
        for (Sequence s : new ArrayList<>(running)) {
            if (budget == 0) {
                break;
            }
            if (s.state() == Sequence.State.RUNNING && s.length() - s.computed() == 1 && makeRoom(s, s.length())) {
                chunks.add(new Chunk(s, s.computed(), 1));
                budget--;
            }
        }
        for (Sequence s : new ArrayList<>(running)) {
            if (budget == 0) {
                break;
            }
            int count = Math.min(s.length() - s.computed(), budget);
            // a prefill preempts only when nothing is scheduled yet: the newest sequences may hold a decode already
            if (s.state() == Sequence.State.RUNNING && s.length() - s.computed() > 1
                    && (chunks.isEmpty() ? makeRoom(s, s.computed() + count) : blocks.ensureCapacity(s, s.computed() + count))) {
                chunks.add(new Chunk(s, s.computed(), count));
                budget -= count;
            }
        }
        while (budget > 0 && running.size() < config.maxNumSeqs() && !waiting.isEmpty()) {
            Sequence s = waiting.peek();
            blocks.adoptCachedPrefix(s);
            int count = Math.min(s.length() - s.computed(), budget);
            if (!blocks.ensureCapacity(s, s.computed() + count)) {
                blocks.free(s);
                break;
            }
            waiting.poll();
            s.state(Sequence.State.RUNNING);
            running.add(s);
            chunks.add(new Chunk(s, s.computed(), count));
            budget -= count;
        }
        return new Step(chunks, cancelled);
    }

    /** Marks a chunk as run: its tokens now have keys and values in their blocks. */
    public synchronized void computed(Chunk chunk) {
        chunk.sequence().advanceComputed(chunk.count());
        blocks.registerFullBlocks(chunk.sequence());
    }

    public synchronized void finish(Sequence s) {
        running.remove(s);
        waiting.remove(s);
        blocks.free(s);
        s.state(Sequence.State.FINISHED);
    }

    public synchronized int runningCount() {
        return running.size();
    }

    public synchronized int waitingCount() {
        return waiting.size();
    }

    public synchronized boolean idle() {
        return running.isEmpty() && waiting.isEmpty();
    }

    public synchronized long preemptions() {
        return preemptions;
    }

    public BlockManager blocks() {
        return blocks;
    }

    private boolean makeRoom(Sequence s, int tokens) {
        while (!blocks.ensureCapacity(s, tokens)) {
            Sequence victim = running.getLast();
            preempt(victim);
            if (victim == s) {
                return false;
            }
        }
        return true;
    }

    private void preempt(Sequence victim) {
        running.remove(victim);
        blocks.free(victim);
        victim.state(Sequence.State.WAITING);
        waiting.addFirst(victim);
        preemptions++;
    }

    private List<Sequence> dropCancelled() {
        List<Sequence> dropped = new ArrayList<>();
        for (Sequence s : new ArrayList<>(running)) {
            if (s.cancelled()) {
                finish(s);
                dropped.add(s);
            }
        }
        for (Sequence s : new ArrayList<>(waiting)) {
            if (s.cancelled()) {
                finish(s);
                dropped.add(s);
            }
        }
        return dropped;
    }
}
