package dev.sovereign.engine.sampling;

import dev.sovereign.engine.bench.Percentiles;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Milliseconds per top_p draw over a 151,936-token vocabulary (Qwen2.5's), the sampler against the full-sort draw it
 * replaced ({@link FullSortReference}), in the same run: logits of three spreads, from flat (the random-weight bench
 * model's) to peaked (a trained model's). Temperature 0.8, top_p 0.95. Run from the repository root:
 * <pre>
 * java -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.sampling.SamplerBenchmark
 * </pre>
 */
public final class SamplerBenchmark {

    private static final int VOCAB = 151_936;
    private static final int DRAWS = 30;

    private SamplerBenchmark() {
    }

    public static void main(String[] args) {
        SamplingOptions options = new SamplingOptions(0.8, 0.95, -1, 0, 5L, 0, 0, 1, 10, List.of(), Set.of(), false, false, 0);
        System.out.println("| logits (Gaussian spread) | full sort ms a draw | sampler ms a draw | speed-up |");
        System.out.println("|---|---|---|---|");
        for (double spread : new double[] {0.5, 2, 6}) {
            float[][] logits = new float[DRAWS][];
            for (int d = 0; d < DRAWS; d++) {
                SplittableRandom r = new SplittableRandom(d);
                logits[d] = new float[VOCAB];
                for (int i = 0; i < VOCAB; i++) {
                    logits[d][i] = (float) (spread * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
                }
            }
            // alternate the two, warmed first, so a busy machine slows both alike
            double[] full = new double[DRAWS];
            double[] ours = new double[DRAWS];
            TokenSampler sampler = new TokenSampler(options, VOCAB, new int[0]);
            SplittableRandom reference = new SplittableRandom(5);
            for (int warm = 0; warm < 3; warm++) {
                for (float[] l : logits) {
                    sampler.next(l);
                    FullSortReference.draw(l, options, reference);
                }
            }
            for (int d = 0; d < DRAWS; d++) {
                long t0 = System.nanoTime();
                FullSortReference.draw(logits[d], options, reference);
                long t1 = System.nanoTime();
                sampler.next(logits[d]);
                long t2 = System.nanoTime();
                full[d] = (t1 - t0) / 1e6;
                ours[d] = (t2 - t1) / 1e6;
            }
            double f = Percentiles.median(full);
            double o = Percentiles.median(ours);
            System.out.printf(Locale.ROOT, "| %.1f | %.2f | %.2f | %.1fx |%n", spread, f, o, f / o);
        }
    }
}
