package dev.sovereign.spec.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReasoningFamilyTest {

    @Test
    void thinkingFamiliesGetTheirParserAndOthersNone() {
        assertThat(ReasoningFamily.of("Qwen/Qwen3-8B")).contains("qwen3");
        assertThat(ReasoningFamily.of("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B")).contains("deepseek_r1");
        assertThat(ReasoningFamily.of("Qwen/QwQ-32B")).contains("deepseek_r1");
        assertThat(ReasoningFamily.of("Qwen/Qwen3-Coder-30B-A3B-Instruct")).isEmpty();
        assertThat(ReasoningFamily.of("file:models/sov-tiny")).isEmpty();
    }

    @Test
    void aParserGivenInEngineArgsWinsInEitherSpelling() {
        assertThat(ReasoningFamily.forService("Qwen/Qwen3-8B", List.of("--reasoning-parser=deepseek_r1"))).contains("deepseek_r1");
        assertThat(ReasoningFamily.forService("org/granite", List.of("--x", "--reasoning-parser", "qwen3"))).contains("qwen3");
        assertThat(ReasoningFamily.forService("Qwen/Qwen3-8B", List.of())).contains("qwen3");
        assertThat(ReasoningFamily.forService("org/m", List.of("--reasoning-parser"))).isEmpty();
    }
}
