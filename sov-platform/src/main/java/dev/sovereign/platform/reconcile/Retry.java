package dev.sovereign.platform.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The next attempt at a model whose latest declaration failed to start. Attempts back off as
 * Kubernetes' CrashLoopBackOff does (10 s, doubling, at most 5 minutes), so a model that cannot start
 * does not pull or spawn in a tight loop; a retry comes at once when the weights it lacked appear
 * ({@code weightsMissing}), since that is what a user fixes by hand.
 *
 * @param declaration    what failed: a changed declaration is tried at once
 * @param attempt        failed attempts so far (1 after the first failure)
 * @param due            when the next attempt is made regardless
 * @param weightsMissing whether the weights were not on this machine when it failed
 */
record Retry(Declaration declaration, int attempt, Instant due, boolean weightsMissing) {

    static final Duration FIRST_DELAY = Duration.ofSeconds(10);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);

    /** The retry after a failure at {@code now}; {@code previous} (may be null) counts earlier failures of the same declaration. */
    static Retry after(Retry previous, Declaration declaration, Instant now, boolean weightsMissing) {
        int attempt = previous != null && previous.declaration.equals(declaration) ? previous.attempt + 1 : 1;
        return new Retry(declaration, attempt, now.plus(delay(attempt)), weightsMissing);
    }

    static Duration delay(int attempt) {
        Duration delay = FIRST_DELAY;
        for (int i = 1; i < attempt && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** Whether to try {@code declared} now: it is not the declaration that failed, the time has come, or the weights arrived. */
    boolean wanted(Declaration declared, Instant now, BooleanSupplier weightsPresent) {
        return !declaration.equals(declared) || !now.isBefore(due) || weightsMissing && weightsPresent.getAsBoolean();
    }
}
