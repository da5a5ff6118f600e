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
 *
 * <p>A request with several choices is one sequence until its prompt is computed; then the other choices
 * {@linkplain #fork fork} from it, sharing its blocks. Its sequence holds a place among {@code maxNumSeqs} for each
 * choice to come from admission on, so the forks never push the running set past the limit.
 */
public final class Scheduler {

    private final BlockManager blocks;
    private final SchedulerConfig config;
    private final Deque<Sequence> waiting = new ArrayDeque<>();
    private final List<Sequence> running = new ArrayList<>();
    private long preemptions;
    private long promptTokensComputed;

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
        while (budget > 0 && !waiting.isEmpty() && places() + 1 + waiting.peek().pendingForks() <= config.maxNumSeqs()) {
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
        return new Step(chunks, cancelled, blocks.takeCopies());
    }

    /** Places among {@code maxNumSeqs} taken: running sequences and the choices still to fork from them. */
    private int places() {
        int places = running.size();
        for (Sequence s : running) {
            places += s.pendingForks();
        }
        return places;
    }

    /**
     * Starts {@code child} (a fresh sequence with the same prompt) beside {@code parent}, whose prompt has just been
     * computed, on the parent's blocks: one of the places the parent reserved becomes the child's.
     */
    public synchronized void fork(Sequence parent, Sequence child) {
        if (parent.pendingForks() < 1 || parent.state() != Sequence.State.RUNNING) {
            throw new IllegalStateException("sequence " + parent.id() + " has no fork reserved");
        }
        blocks.fork(parent, child);
        parent.forkTaken();
        child.state(Sequence.State.RUNNING);
        running.add(child);
    }

    /** Gives back the place of a choice that will not fork after all (it was cancelled before its turn). */
    public synchronized void dropFork(Sequence parent) {
        parent.forkTaken();
    }

    /** Marks a chunk as run: its tokens now have keys and values in their blocks. */
    public synchronized void computed(Chunk chunk) {
        Sequence s = chunk.sequence();
        promptTokensComputed += Math.max(0, Math.min(s.promptLength(), chunk.from() + chunk.count()) - chunk.from());
        s.advanceComputed(chunk.count());
        blocks.registerFullBlocks(s);
    }

    public synchronized void finish(Sequence s) {
        running.remove(s);
        waiting.remove(s);
        blocks.free(s);
        s.forksDropped();
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

    /**
     * Prompt positions run through the model so far (recomputes after preemption included; prefix-cache hits and
     * forked choices excluded): how the tests and the shared-prompt benchmark see that a prompt was prefilled once.
     */
    public synchronized long promptTokensComputed() {
        return promptTokensComputed;
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
