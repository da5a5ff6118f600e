package dev.sovereign.platform.replica;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The grace an in-process replica gives its running requests before its server is closed: polled, since the servers
 * say only whether anything is still running.
 */
final class InProcessDrain {

    private static final Duration POLL = Duration.ofMillis(50);

    private InProcessDrain() {
    }

    /** Returns when {@code busy} turns false or {@code grace} has passed, whichever comes first. */
    static void await(BooleanSupplier busy, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (busy.getAsBoolean() && System.nanoTime() < deadline) {
            Sleep.quietly(POLL);
        }
    }
}
