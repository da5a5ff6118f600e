package dev.sovereign.engine.runner;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the engine loop's wall time goes, step by step: scheduling, the batched forward pass, and the serial work
 * after it (sampling, detokenisation, stop strings, handing text to listeners). The forward pass uses every worker;
 * the rest runs on the loop thread alone while the workers wait, so its share of the wall time is what it costs.
 */
public final class StepClock {

    private static final int SCHEDULE = 0;
    private static final int FORWARD = 1;
    private static final int SAMPLE = 2;
    private static final int STEPS = 3;
    private static final int TOKENS = 4;
    private static final int SAMPLED = 5;

    private final AtomicLongArray totals = new AtomicLongArray(6);

    void record(long scheduleNanos, long forwardNanos, long sampleNanos, int tokens, int sampled) {
        totals.addAndGet(SCHEDULE, scheduleNanos);
        totals.addAndGet(FORWARD, forwardNanos);
        totals.addAndGet(SAMPLE, sampleNanos);
        totals.incrementAndGet(STEPS);
        totals.addAndGet(TOKENS, tokens);
        totals.addAndGet(SAMPLED, sampled);
    }

    public Totals totals() {
        return new Totals(totals.get(SCHEDULE), totals.get(FORWARD), totals.get(SAMPLE), totals.get(STEPS),
                totals.get(TOKENS), totals.get(SAMPLED));
    }

    /** Running sums since the engine started; subtract two of them to time a window. */
    public record Totals(long scheduleNanos, long forwardNanos, long sampleNanos, long steps, long tokens, long sampled) {

        public Totals minus(Totals earlier) {
            return new Totals(scheduleNanos - earlier.scheduleNanos, forwardNanos - earlier.forwardNanos,
                    sampleNanos - earlier.sampleNanos, steps - earlier.steps, tokens - earlier.tokens,
                    sampled - earlier.sampled);
        }
    }
}
