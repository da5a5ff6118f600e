package dev.sovereign.platform.replica;

import java.time.Duration;

/** Sleeping in supervision loops, where an interrupt means "stop now" and is passed on. */
public final class Sleep {

    private Sleep() {
    }

    /** Sleeps; false (with the interrupt flag kept) when interrupted. */
    public static boolean quietly(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
