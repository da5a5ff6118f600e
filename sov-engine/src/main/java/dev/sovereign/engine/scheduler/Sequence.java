package dev.sovereign.engine.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One request's tokens as the scheduler sees them: the prompt, what has been generated so far, how many of those
 * tokens already have keys and values in the cache, and the blocks that hold them.
 */
public final class Sequence {

    public enum State { WAITING, RUNNING, FINISHED }

    private final long id;
    private final int promptLength;
    private final int maxLength;
    private int[] tokens;
    private int length;
    private int computed;
    private int cachedPromptTokens = -1;
    private final List<Integer> blockTable = new ArrayList<>();
    private int hashedBlocks;
    private long lastBlockHash;
    private State state = State.WAITING;
    private int pendingForks;
    private volatile boolean cancelled;

    /** @param maxLength most tokens this sequence may ever hold (prompt plus its output limit) */
    public Sequence(long id, int[] prompt, int maxLength) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one prompt token");
        }
        this.id = id;
        this.promptLength = prompt.length;
        this.maxLength = maxLength;
        this.tokens = Arrays.copyOf(prompt, Math.max(maxLength, prompt.length));
        this.length = prompt.length;
    }

    public long id() {
        return id;
    }

    public int promptLength() {
        return promptLength;
    }

    public int maxLength() {
        return maxLength;
    }

    public int length() {
        return length;
    }

    public int generatedLength() {
        return length - promptLength;
    }

    /** The token array; only the first {@link #length()} entries are meaningful. */
    public int[] tokens() {
        return tokens;
    }

    public int[] prompt() {
        return Arrays.copyOf(tokens, promptLength);
    }

    public int[] generated() {
        return Arrays.copyOfRange(tokens, promptLength, length);
    }

    public void append(int token) {
        if (length == tokens.length) {
            tokens = Arrays.copyOf(tokens, tokens.length * 2);
        }
        tokens[length++] = token;
    }

    public int computed() {
        return computed;
    }

    public void advanceComputed(int count) {
        computed += count;
    }

    /** Prompt tokens served from the prefix cache at first admission (-1 before it). */
    public int cachedPromptTokens() {
        return Math.max(0, cachedPromptTokens);
    }

    public List<Integer> blockTable() {
        return blockTable;
    }

    public State state() {
        return state;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Asks the engine loop to drop this sequence at its next step (a client went away). */
    public void cancel() {
        cancelled = true;
    }

    void state(State value) {
        state = value;
    }

    void adoptedPrefix(int tokensHit) {
        computed = tokensHit;
        if (cachedPromptTokens < 0) {
            cachedPromptTokens = Math.min(tokensHit, promptLength);
        }
    }

    /** Takes the computed positions and prefix-cache state of the sequence whose blocks this one now shares. */
    void forkedFrom(Sequence parent) {
        computed = parent.computed;
        cachedPromptTokens = parent.cachedPromptTokens;
        hashedBlocks = parent.hashedBlocks;
        lastBlockHash = parent.lastBlockHash;
    }

    /** Choices of this sequence's request still to fork from it: each holds a place among {@code maxNumSeqs}. */
    public int pendingForks() {
        return pendingForks;
    }

    /** Reserves places for {@code count} choices that will fork from this sequence once its prompt is computed. */
    public void reserveForks(int count) {
        if (count < 0 || state != State.WAITING || computed > 0) {
            throw new IllegalStateException("forks are reserved before a sequence is queued");
        }
        pendingForks = count;
    }

    void forkTaken() {
        pendingForks--;
    }

    void forksDropped() {
        pendingForks = 0;
    }

    /** Drops every block and computed position: the sequence will be recomputed from its tokens. */
    void resetForRecompute() {
        blockTable.clear();
        computed = 0;
        hashedBlocks = 0;
        lastBlockHash = 0;
    }

    int hashedBlocks() {
        return hashedBlocks;
    }

    long lastBlockHash() {
        return lastBlockHash;
    }

    void hashed(int blocks, long hash) {
        hashedBlocks = blocks;
        lastBlockHash = hash;
    }

    @Override
    public String toString() {
        return "Sequence[" + id + ", " + length + " tokens, " + computed + " computed, " + state + "]";
    }
}
