package dev.sovereign.engine.constraint;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.SequenceListener;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.runner.StepClock;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-step cost of structured outputs: the same streams decoded with a json_schema constraint (the nested ORDER
 * schema of the tests) and without, alternated in one run, on the same engine. Printed per generated token: the
 * whole step (schedule, forward pass, sampling) and the serial sampling phase alone, where the mask is computed and
 * applied; the ratio with / without is the cost. The unconstrained streams generate as many tokens as the
 * constrained ones did on average (ignore_eos), so both run the same batch shapes. Run from the repository root:
 * <pre>
 * ./mvnw -q -pl sov-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --add-modules jdk.incubator.vector -Dsov.root=. \
 *     -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.constraint.StructuredOutputBenchmark [MODEL] THREADS STREAMS ROUNDS
 * </pre>
 * MODEL defaults to models/sov-tiny (a 4k vocabulary); a larger vocabulary (WriteBenchModel's
 * qwen2.5-0.5b-shape-q8_0.gguf) shows what masking costs as the vocabulary grows.
 */
public final class StructuredOutputBenchmark {

    private static final int MAX_TOKENS = 256;

    private StructuredOutputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int at = args.length == 4 ? 1 : 0;
        Path path = at == 1 ? Path.of(args[0]) : Path.of(System.getProperty("sov.root", "."), "models", "sov-tiny");
        int threads = Integer.parseInt(args[at]);
        int streams = Integer.parseInt(args[at + 1]);
        int rounds = Integer.parseInt(args[at + 2]);
        LoadedModel model = ModelLoader.load(path);
        try (ServingEngine engine = new ServingEngine(model, EngineSettings.defaults("bench").withThreads(threads)
                .withMaxModelLen(1024).withKvCacheBytes(512L << 20))) {
            Guides guides = new Guides(engine.tokenizer());
            Grammar grammar = Grammar.jsonSchema(TestSchemas.tree(TestSchemas.ORDER), "schema");
            int[] prompt = engine.tokenizer().encode("Write the order as JSON.", false, false);
            Run warm = run(engine, prompt, streams, guides, grammar, MAX_TOKENS);
            run(engine, prompt, streams, null, null, (int) Math.max(1, warm.tokensPerStream()));
            double with = 0;
            double without = 0;
            double sampleWith = 0;
            double sampleWithout = 0;
            for (int round = 0; round < rounds; round++) {
                Run constrained = run(engine, prompt, streams, guides, grammar, MAX_TOKENS);
                Run free = run(engine, prompt, streams, null, null, (int) Math.max(1, constrained.tokensPerStream()));
                with += constrained.stepMsPerToken();
                without += free.stepMsPerToken();
                sampleWith += constrained.sampleMsPerToken();
                sampleWithout += free.sampleMsPerToken();
            }
            System.out.printf(Locale.ROOT, "%s, vocabulary %d, %d threads, %d streams, %d rounds%n", path.getFileName(),
                    engine.tokenizer().vocabularySize(), threads, streams, rounds);
            System.out.println("| | step ms per token | sampling ms per token |");
            System.out.println("|---|---|---|");
            System.out.printf(Locale.ROOT, "| without constraint | %.3f | %.4f |%n", without / rounds, sampleWithout / rounds);
            System.out.printf(Locale.ROOT, "| with json_schema | %.3f | %.4f |%n", with / rounds, sampleWith / rounds);
            System.out.printf(Locale.ROOT, "| ratio with / without | %.3f | %.2f |%n", with / without, sampleWith / sampleWithout);
        }
        System.exit(0);
    }

    record Run(StepClock.Totals totals, long generated, int streams) {
        double tokensPerStream() {
            return (double) generated / streams;
        }

        double stepMsPerToken() {
            return (totals.scheduleNanos() + totals.forwardNanos() + totals.sampleNanos()) / 1e6 / generated;
        }

        double sampleMsPerToken() {
            return totals.sampleNanos() / 1e6 / generated;
        }
    }

    private static Run run(ServingEngine engine, int[] prompt, int streams, Guides guides, Grammar grammar, int maxTokens)
            throws InterruptedException {
        StepClock.Totals before = engine.stepTimes();
        CountDownLatch done = new CountDownLatch(streams);
        AtomicLong generated = new AtomicLong();
        for (int i = 0; i < streams; i++) {
            SamplingOptions options = SamplingOptions.plain(0.8, i, maxTokens);
            if (guides == null) {
                options = options.ignoringEos();
            }
            engine.submit(prompt, options, new SequenceListener() {
                @Override
                public void onToken(SampledToken token, String piece) {
                }

                @Override
                public void onFinish(Completion completion) {
                    generated.addAndGet(completion.completionTokens());
                    done.countDown();
                }
            }, guides == null ? null : guides.guide(grammar));
        }
        done.await();
        return new Run(engine.stepTimes().minus(before), generated.get(), streams);
    }
}
