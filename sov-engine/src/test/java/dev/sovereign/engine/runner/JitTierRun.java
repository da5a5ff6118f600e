package dev.sovereign.engine.runner;

import dev.sovereign.engine.kernel.LaneSumProbe;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The child process of {@link JitTierDeterminismTest}: runs a few prompts alone and then all together through serving
 * engines, {@code rounds} times (later rounds run hotter code), and prints the last round's tokens and a hash of every
 * step's logits per prompt, then the lane-sum probe:
 * <pre>
 * solo 0 12,7,301 -8812...
 * batch 0 12,7,301 -8812...
 * probe 5512... 9911...
 * </pre>
 * Arguments: MODEL.gguf ROUNDS.
 */
public final class JitTierRun {

    static final int TOKENS = 3;

    private JitTierRun() {
    }

    public static void main(String[] args) throws Exception {
        LoadedModel model = ModelLoader.load(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        List<int[]> prompts = prompts(model.config().vocabSize());
        List<String> lines = List.of();
        long[] probe = null;
        for (int round = 0; round < rounds; round++) {
            lines = new ArrayList<>();
            try (ServingEngine solo = new ServingEngine(model, EngineSettings.oneSequence(model.config(), 128, 2))) {
                for (int i = 0; i < prompts.size(); i++) {
                    lines.add(line("solo", i, run(solo, prompts.get(i)).join()));
                }
            }
            try (ServingEngine batch = new ServingEngine(model, EngineSettings.defaults("jit").withMaxModelLen(128)
                    .withKvCacheBytes(1L << 20).withThreads(2))) {
                List<CompletableFuture<Outcome>> all = new ArrayList<>();
                for (int[] prompt : prompts) {
                    all.add(run(batch, prompt));
                }
                for (int i = 0; i < prompts.size(); i++) {
                    lines.add(line("batch", i, all.get(i).join()));
                }
            }
            for (int warm = 0; warm < (round + 1 < rounds ? 20 : 1); warm++) {
                probe = LaneSumProbe.hashes();
            }
        }
        lines.forEach(System.out::println);
        System.out.println("probe " + probe[0] + " " + probe[1]);
    }

    /** Three short prompts of fixed ids; the parent lowers the decoded-panel threshold so a 12-token prefill takes it. */
    static List<int[]> prompts(int vocab) {
        List<int[]> prompts = new ArrayList<>();
        for (int length : new int[] {12, 5, 7}) {
            int[] ids = new int[length];
            for (int i = 0; i < length; i++) {
                ids[i] = (int) ((i * 7919L + length * 104729L) % vocab);
            }
            prompts.add(ids);
        }
        return prompts;
    }

    private record Outcome(int[] tokens, long logitsHash) {
    }

    private static CompletableFuture<Outcome> run(ServingEngine engine, int[] prompt) {
        long[] hash = {17};
        return engine.generate(prompt, SamplingOptions.greedy(TOKENS).ignoringEos(),
                logits -> hash[0] = hash[0] * 1_000_003 + Arrays.hashCode(logits))
                .thenApply(result -> new Outcome(result.tokens(), hash[0]));
    }

    private static String line(String mode, int i, Outcome outcome) {
        return mode + " " + i + " " + Arrays.stream(outcome.tokens()).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")) + " " + outcome.logitsHash();
    }
}
