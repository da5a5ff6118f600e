package dev.sovereign.engine.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/** Splits index ranges over a fixed number of worker threads. */
public final class Parallel implements AutoCloseable {

    /** Work on the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private final ForkJoinPool pool;
    private final int threads;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} over {@code [0, n)} in about {@code threads * 4} contiguous pieces (fewer for small n). */
    public void forRange(int n, int minPiece, RangeTask task) {
        int pieces = Math.max(1, Math.min(threads * 4, n / Math.max(1, minPiece)));
        if (pool == null || pieces == 1) {
            task.run(0, n);
            return;
        }
        pool.invoke(new Split(task, n, pieces, 0, pieces));
    }

    private static final class Split extends RecursiveAction {
        private final RangeTask task;
        private final int n;
        private final int pieces;
        private final int first;
        private final int count;

        Split(RangeTask task, int n, int pieces, int first, int count) {
            this.task = task;
            this.n = n;
            this.pieces = pieces;
            this.first = first;
            this.count = count;
        }

        @Override
        protected void compute() {
            if (count == 1) {
                task.run((int) ((long) n * first / pieces), (int) ((long) n * (first + 1) / pieces));
                return;
            }
            int half = count / 2;
            invokeAll(new Split(task, n, pieces, first, half), new Split(task, n, pieces, first + half, count - half));
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
