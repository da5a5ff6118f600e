package dev.sovereign.engine.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasoningParserTest {

    private static final String CHATML_PROMPT = "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n";

    /** The whole text's split, after checking that every cut of it streams to the same. */
    private static ReasoningParser.Split split(String parser, String prompt, String text) {
        ReasoningParser.Split whole = run(ReasoningParser.create(parser, prompt), text, text.length());
        for (int size = 1; size < text.length(); size++) {
            assertThat(run(ReasoningParser.create(parser, prompt), text, size)).as("pieces of %d", size).isEqualTo(whole);
        }
        for (int at = 1; at < text.length(); at++) {
            ReasoningParser p = ReasoningParser.create(parser, prompt);
            ReasoningParser.Split a = p.offer(text.substring(0, at));
            ReasoningParser.Split b = p.offer(text.substring(at));
            ReasoningParser.Split c = p.finish();
            assertThat(new ReasoningParser.Split(a.reasoning() + b.reasoning() + c.reasoning(),
                    a.content() + b.content() + c.content())).as("split at %d", at).isEqualTo(whole);
        }
        return whole;
    }

    private static ReasoningParser.Split run(ReasoningParser parser, String text, int size) {
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < text.length(); i += size) {
            ReasoningParser.Split s = parser.offer(text.substring(i, Math.min(text.length(), i + size)));
            reasoning.append(s.reasoning());
            content.append(s.content());
        }
        ReasoningParser.Split s = parser.finish();
        return new ReasoningParser.Split(reasoning.append(s.reasoning()).toString(), content.append(s.content()).toString());
    }

    @Test
    void qwen3SplitsTheThinkBlockFromTheAnswer() {
        assertThat(split("qwen3", CHATML_PROMPT, "<think>\nThe user greets me.\n</think>\n\nHello!"))
                .isEqualTo(new ReasoningParser.Split("\nThe user greets me.\n", "\n\nHello!"));
    }

    @Test
    void qwen3WithoutAThinkBlockIsAllAnswer() {
        // enable_thinking false: the template wrote an empty block into the prompt, the model answers directly
        String prompt = CHATML_PROMPT + "<think>\n\n</think>\n\n";
        assertThat(split("qwen3", prompt, "Hello! I use </think> tags")).isEqualTo(new ReasoningParser.Split("", "Hello! I use </think> tags"));
        assertThat(split("qwen3", CHATML_PROMPT, "<thin and more")).isEqualTo(new ReasoningParser.Split("", "<thin and more"));
    }

    @Test
    void aThinkBlockThePromptLeftOpenStartsTheAnswerInsideIt() {
        assertThat(split("qwen3", CHATML_PROMPT + "<think>\n", "Let me see.</think>Yes."))
                .isEqualTo(new ReasoningParser.Split("Let me see.", "Yes."));
    }

    @Test
    void aThinkTagInTheConversationDoesNotOpenABlock() {
        String prompt = "<|im_start|>user\nWhat does <think> mean?<|im_end|>\n<|im_start|>assistant\n";
        assertThat(split("qwen3", prompt, "A tag.")).isEqualTo(new ReasoningParser.Split("", "A tag."));
    }

    @Test
    void deepseekR1IsReasoningUntilTheEndTagWithOrWithoutTheStartTag() {
        String prompt = "<｜User｜>hi<｜Assistant｜><think>\n";
        assertThat(split("deepseek_r1", prompt, "Hmm.\n</think>\n\nHi.")).isEqualTo(new ReasoningParser.Split("Hmm.\n", "\n\nHi."));
        assertThat(split("deepseek_r1", "<｜User｜>hi<｜Assistant｜>", "<think>Hmm.</think>Hi."))
                .isEqualTo(new ReasoningParser.Split("Hmm.", "Hi."));
    }

    @Test
    void aBlockNeverClosedIsAllReasoning() {
        assertThat(split("deepseek_r1", "", "Still thinking about </thi")).isEqualTo(new ReasoningParser.Split("Still thinking about </thi", ""));
        assertThat(split("qwen3", CHATML_PROMPT, "<think>ran out of tokens")).isEqualTo(new ReasoningParser.Split("ran out of tokens", ""));
    }

    @Test
    void unknownParsersAreRefusedNamingTheFlag() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReasoningParser.check("granite"))
                .hasMessageContaining("--reasoning-parser").hasMessageContaining("qwen3, deepseek_r1");
    }
}
