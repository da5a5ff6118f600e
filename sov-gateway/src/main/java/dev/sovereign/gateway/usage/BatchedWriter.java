package dev.sovereign.gateway.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * The ledgers' write path: requests only enqueue events; one writer thread hands them to the database in batches
 * of up to {@value #BATCH} every {@value #INTERVAL_MS} ms, so the database is never on the request path and an
 * answered request is written within a second. A batch that fails is put back and tried again with the next.
 */
public final class BatchedWriter implements AutoCloseable {

    public static final int BATCH = 1000;
    public static final long INTERVAL_MS = 200;

    private final LinkedBlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    /** Writes one batch in one transaction; false when it failed (the batch is then queued again). */
    private final Predicate<List<Object>> sink;
    private final Thread writer;
    private volatile boolean running = true;

    public BatchedWriter(String name, Predicate<List<Object>> sink) {
        this.sink = sink;
        this.writer = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    public void add(Object event) {
        pending.add(event);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    /** Writes everything enqueued so far before returning, unless the database fails. */
    public synchronized void flush() {
        List<Object> batch = new ArrayList<>();
        while (pending.drainTo(batch, BATCH) > 0) {
            if (!sink.test(batch)) {
                pending.addAll(batch);
                return;
            }
            batch.clear();
        }
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
