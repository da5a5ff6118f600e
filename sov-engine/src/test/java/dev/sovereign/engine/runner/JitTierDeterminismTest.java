package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.testmodel.TestModelSpec;
import dev.sovereign.engine.testmodel.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batched output equals solo output token for token, and the logits are the same bits, at every JIT tier (ADR 0094,
 * issue 16): the same prompts run alone and batched in JVMs held in the interpreter ({@code -Xint}), in C1
 * ({@code -XX:TieredStopAtLevel=1}) and in warmed C2 (the last of several rounds), on a Q8_0 model with 64-wide heads
 * (the Qwen2.5 attention path); the decoded-panel threshold is lowered to 8 tokens so a prefill takes that matmul path
 * and the decodes the quantized tiles, and a lone decoding row splits attention per head while batches share each
 * widened KV block across a group. A lane-sum probe in the same JVMs
 * shows the harness can tell the tiers apart: {@code reduceLanes(ADD)}, which the kernels used before ADR 0094, gives
 * other bits in the interpreter than in C2, so a kernel that used it would fail here.
 */
class JitTierDeterminismTest {

    /** Small enough for the interpreter (a few minutes of it is the cost of this test), heads 64 wide. */
    private static final TestModelSpec MODEL = new TestModelSpec("jit-tiny", "qwen3", 64, 2, 2, 1, 64, 128, 10000f,
            true, false, false, DType.Q8_0, 16L);

    @TempDir
    static Path dir;

    @Test
    void batchedEqualsSoloAndEveryTierGivesTheSameBits() throws Exception {
        Path gguf = TestModels.writeGguf(MODEL, dir);
        Map<String, List<String>> byTier = new LinkedHashMap<>();
        byTier.put("interpreter", child(gguf, 1, "-Xint"));
        byTier.put("C1", child(gguf, 1, "-XX:TieredStopAtLevel=1"));
        byTier.put("C2, warmed", child(gguf, 4, "-XX:+TieredCompilation"));

        List<String> interpreted = byTier.get("interpreter");
        for (var tier : byTier.entrySet()) {
            List<String> lines = tier.getValue();
            List<String> solo = lines.stream().filter(l -> l.startsWith("solo ")).map(l -> l.substring(5)).toList();
            List<String> batch = lines.stream().filter(l -> l.startsWith("batch ")).map(l -> l.substring(6)).toList();
            assertThat(solo).as("%s: solo runs", tier.getKey()).hasSize(3);
            assertThat(batch).as("%s: batched tokens and logits hashes equal solo", tier.getKey()).isEqualTo(solo);
            assertThat(solo).as("%s: tokens and logits hashes equal the interpreter's", tier.getKey())
                    .isEqualTo(interpreted.stream().filter(l -> l.startsWith("solo ")).map(l -> l.substring(5)).toList());
            assertThat(probe(lines)[0]).as("%s: fixed-tree lane sums equal the interpreter's", tier.getKey())
                    .isEqualTo(probe(interpreted)[0]);
        }
        assertThat(probe(byTier.get("C2, warmed"))[1])
                .as("reduceLanes(ADD) differs between the interpreter and C2, so this test would catch a kernel using it")
                .isNotEqualTo(probe(interpreted)[1]);
    }

    private static String[] probe(List<String> lines) {
        String line = lines.stream().filter(l -> l.startsWith("probe ")).findFirst().orElseThrow();
        return line.substring(6).split(" ");
    }

    private static List<String> child(Path gguf, int rounds, String tierFlag) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Dsov.panelBatch=8", tierFlag, "-cp", System.getProperty("java.class.path"),
                JitTierRun.class.getName(), gguf.toString(), Integer.toString(rounds)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("child with %s finished", tierFlag).isTrue();
        assertThat(process.exitValue()).as("child with %s: exit status; output:%n%s", tierFlag, out).isZero();
        return out.lines().toList();
    }
}
