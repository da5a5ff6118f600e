package dev.sovereign.platform.reconcile;

import java.time.Instant;

/**
 * A declaration being rolled out on its own worker: its replicas start and are awaited there, so a
 * model that is slow (or never) ready holds up neither the loop, nor {@code sov status}, nor other models.
 */
record Rollout(Declaration declaration, Thread worker, Instant started) {

    /** Stops waiting; the worker stops the replicas it started and records nothing. */
    void cancel() {
        worker.interrupt();
    }

    /** Waits up to {@code limit} for the worker to end, so that what it started is stopped before the process exits. */
    void awaitEnd(java.time.Duration limit) {
        try {
            worker.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
