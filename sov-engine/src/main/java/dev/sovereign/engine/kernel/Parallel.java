package dev.sovereign.engine.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits index ranges over a fixed team of threads: the calling thread and {@code threads - 1} workers.
 *
 * <p>A forward pass calls this hundreds of times per token, each call a fraction of a millisecond of work, so
 * waking parked threads for every call (what a {@code ForkJoinPool} does) costs more than it saves: on a 2-core VM
 * two threads were slower than one. Workers therefore spin for a short while after each job, waiting for the next,
 * and only park when none comes. Pieces are claimed from a shared counter, so a worker the OS delays simply takes
 * fewer of them.
 */
public final class Parallel implements AutoCloseable {

    /** Work on the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    /** How long an idle worker keeps polling for the next job before it parks. */
    private static final long SPIN_NANOS = 2_000_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Job current;
    private volatile boolean closed;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = Thread.ofPlatform().daemon().name("sov-kernel-" + (i + 1)).start(this::work);
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} over {@code [0, n)} in about {@code threads * 4} contiguous pieces (fewer for small n) and
     * returns when all are done. A call made while the team is busy (another caller, or a task that splits again)
     * runs on the calling thread alone.
     */
    public void forRange(int n, int minPiece, RangeTask task) {
        int count = Math.max(1, Math.min(threads * 4, n / Math.max(1, minPiece)));
        if (workers.length == 0 || count == 1 || !busy.compareAndSet(false, true)) {
            task.run(0, n);
            return;
        }
        try {
            Job job = new Job(task, n, count);
            current = job;
            for (Thread worker : workers) {
                LockSupport.unpark(worker);
            }
            job.runPieces();
            job.awaitAll();
        } finally {
            busy.set(false);
        }
    }

    private void work() {
        Job seen = null;
        while (!closed) {
            Job job = current;
            if (job != seen) {
                seen = job;
                job.runPieces();
                continue;
            }
            long idleSince = System.nanoTime();
            while (current == seen && !closed && System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            if (current == seen && !closed) {
                LockSupport.parkNanos(this, 50_000_000);
            }
        }
    }

    /** One call's pieces; a worker that arrives late finds them all claimed and leaves. */
    private static final class Job {
        private final RangeTask task;
        private final int n;
        private final int pieces;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private volatile Throwable failure;

        Job(RangeTask task, int n, int pieces) {
            this.task = task;
            this.n = n;
            this.pieces = pieces;
        }

        void runPieces() {
            for (int piece = next.getAndIncrement(); piece < pieces; piece = next.getAndIncrement()) {
                try {
                    if (failure == null) {
                        task.run((int) ((long) n * piece / pieces), (int) ((long) n * (piece + 1) / pieces));
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    finished.incrementAndGet();
                }
            }
        }

        void awaitAll() {
            for (int spins = 0; finished.get() < pieces; spins++) {
                if (spins < 10_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            Throwable failed = failure;
            if (failed instanceof RuntimeException e) {
                throw e;
            } else if (failed instanceof Error e) {
                throw e;
            } else if (failed != null) {
                throw new IllegalStateException(failed);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }
}
