package dev.sovereign.gateway.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Predicate;

/**
 * The ledgers' write path: requests enqueue events; one writer thread hands them to the database in batches
 * of up to {@value #BATCH}, and a request that is about to answer waits for its own row with
 * {@link #awaitWritten()}, committing what is queued in one transaction with everything beside it. With an interval, a batch every
 * {@value #INTERVAL_MS} ms (the SQLite file); without, a batch as soon as the previous one is written (a database
 * server, where commits from several replicas are cheap and the window of a kill -9 is then one commit, not one
 * interval). A batch that fails is put back and tried again with the next, after the interval or a short pause.
 */
public final class BatchedWriter implements AutoCloseable {

    public static final int BATCH = 1000;
    public static final long INTERVAL_MS = 200;

    private final LinkedBlockingDeque<Object> pending = new LinkedBlockingDeque<>();
    private final boolean continuous;
    /** Writes one batch in one transaction; false when it failed (the batch is then queued again). */
    private final Predicate<List<Object>> sink;
    private final Thread writer;
    private volatile boolean running = true;
    /** The last batch failed: the database is down or refusing, and the rows wait in the queue. */
    private volatile boolean failing;

    /** {@code continuous}: write as soon as there is something to write, instead of every {@value #INTERVAL_MS} ms. */
    public BatchedWriter(String name, boolean continuous, Predicate<List<Object>> sink) {
        this.sink = sink;
        this.continuous = continuous;
        this.writer = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    public void add(Object event) {
        pending.add(event);
    }

    private void loop() {
        while (running) {
            try {
                if (continuous) {
                    // wait for work without taking it: flush() drains the queue in order
                    pending.putFirst(pending.takeFirst());
                } else {
                    Thread.sleep(INTERVAL_MS);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!flush() && continuous) {
                try {
                    Thread.sleep(INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Writes everything enqueued so far before returning; false when the database failed (the rows wait). */
    public synchronized boolean flush() {
        List<Object> batch = new ArrayList<>();
        while (pending.drainTo(batch, BATCH) > 0) {
            if (!sink.test(batch)) {
                for (int i = batch.size() - 1; i >= 0; i--) {
                    pending.addFirst(batch.get(i));
                }
                failing = true;
                return false;
            }
            batch.clear();
        }
        failing = false;
        return true;
    }

    /**
     * Returns once everything enqueued so far is committed: the request path's wait before it answers. Callers that
     * arrive while a batch is being written wait for it and then commit together, so under load one commit carries
     * many requests (group commit). While the database is failing it returns false at once: an outage must not
     * hold answers; the rows wait in the queue for the writer thread, as before.
     */
    public boolean awaitWritten() {
        return !failing && flush();
    }

    /** Stops the thread and writes what is left. */
    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
