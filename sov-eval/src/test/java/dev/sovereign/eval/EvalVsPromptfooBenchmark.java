package dev.sovereign.eval;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Benchmark: wall time of the cross-check suite (20 tests, every assertion type, graders and
 * embeddings included) against the fake OpenAI server: the `sov eval` CLI (java -jar sov.jar,
 * start-up included) and `sov eval` warm in this JVM, versus the real `promptfoo eval` CLI, all at
 * concurrency 4 and with repeat R so that per-row cost shows beside start-up cost. Prints medians
 * and ratios. Run from the repository root after building sov-cli:
 * <pre>
 * ./mvnw -q -pl sov-eval -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp sov-eval/target/test-classes:sov-eval/target/classes:$(cat sov-eval/target/cp.txt) \
 *     -Dsov.root=. dev.sovereign.eval.EvalVsPromptfooBenchmark [REPEAT] [RUNS]
 * </pre>
 */
public final class EvalVsPromptfooBenchmark {

    private EvalVsPromptfooBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeat = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("sov-eval-bench");
        try (FakeOpenAi fake = new FakeOpenAi()) {
            Path suite = CrossCheckSuite.write(dir, fake.baseUrl());
            Files.writeString(suite, Files.readString(suite) + "\nevaluateOptions: { maxConcurrency: 4, repeat: " + repeat + " }\n");
            int rows = 0;
            double[] ours = new double[runs + 1];
            for (int i = 0; i <= runs; i++) {
                long start = System.nanoTime();
                Evaluation.Result result = Evaluation.run(EvalOptions.of(suite), Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(System.err, true));
                ours[i] = (System.nanoTime() - start) / 1e9;
                rows = result.report().results().size();
            }
            double[] cli = new double[runs];
            Path jar = Path.of(System.getProperty("sov.root"), "sov-cli", "target", "sov.jar");
            for (int i = 0; i < runs && Files.exists(jar); i++) {
                Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                ProcessBuilder pb = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
                        "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "eval", "-c", suite.toString(), "--no-progress")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("sov-cli.log").toFile());
                long start = System.nanoTime();
                pb.start().waitFor();
                cli[i] = (System.nanoTime() - start) / 1e9;
            }
            double[] theirs = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                PromptfooCli.eval(suite, dir.resolve("pf-" + i + ".json"), dir);
                theirs[i] = (System.nanoTime() - start) / 1e9;
            }
            double oursCold = ours[0];
            double oursWarm = median(Arrays.copyOfRange(ours, 1, ours.length));
            double pf = median(theirs);
            System.out.printf("rows per run: %d (20 tests x repeat %d), concurrency 4, %d runs each%n", rows, repeat, runs);
            System.out.printf("sov eval, first run in a fresh JVM: %.2f s%n", oursCold);
            System.out.printf("sov eval, median warm run:          %.2f s%n", oursWarm);
            if (cli[0] > 0) {
                System.out.printf("sov eval CLI (java -jar sov.jar), median: %.2f s%n", median(cli));
            }
            System.out.printf("promptfoo eval CLI, median:         %.2f s%n", pf);
            System.out.printf("ratio promptfoo CLI / sov eval CLI: %.1fx%n", cli[0] > 0 ? pf / median(cli) : Double.NaN);
            System.out.printf("ratio promptfoo CLI / sov eval warm in-process: %.1fx%n", pf / oursWarm);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
