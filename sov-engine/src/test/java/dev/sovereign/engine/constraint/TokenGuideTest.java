package dev.sovereign.engine.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.runner.SovTiny;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token-level guide over sov-tiny's real vocabulary: masks, end tokens, added tokens, shared state masks. */
class TokenGuideTest {

    private final Tokenizer tokenizer = SovTiny.model().tokenizer();
    private final Guides guides = new Guides(tokenizer);

    @Test
    void everyAllowedTokenContinuesTheDocumentAndEveryOtherDoesNot() {
        Grammar grammar = Grammar.jsonSchema(TestSchemas.tree(TestSchemas.PERSON), "schema");
        TokenGuide guide = guides.guide(grammar);
        String written = "{\"name\": \"A";
        for (int token : tokenizer.encode(written, false, false)) {
            guide.accept(token);
        }
        float[] logits = new float[tokenizer.vocabularySize() + 7];
        guide.mask(logits);
        MatchState here = grammar.start().advance(written.getBytes(StandardCharsets.UTF_8));
        int allowed = 0;
        for (int id = 0; id < tokenizer.vocabularySize(); id++) {
            byte[] bytes = tokenizer.tokenBytes(id);
            boolean ordinary = bytes.length > 0 && List.of("NORMAL", "BYTE").contains(tokenizer.tokenType(id).name());
            boolean fits = ordinary && here.advance(bytes) != null;
            assertThat(logits[id] == 0f).as("token %d %s", id, tokenizer.tokenText(id)).isEqualTo(fits);
            allowed += fits ? 1 : 0;
        }
        assertThat(allowed).isGreaterThan(100);
        assertThat(Arrays.copyOfRange(logits, tokenizer.vocabularySize(), logits.length))
                .containsOnly(Float.NEGATIVE_INFINITY);
    }

    @Test
    void endOfGenerationOnlyWhereTheDocumentIsComplete() {
        Grammar grammar = Grammar.jsonObject();
        TokenGuide guide = guides.guide(grammar);
        int eos = tokenizer.endOfGenerationTokens().iterator().next();
        float[] logits = new float[tokenizer.vocabularySize()];
        guide.mask(logits);
        assertThat(logits[eos]).isEqualTo(Float.NEGATIVE_INFINITY);
        for (int token : tokenizer.encode("{\"a\": [1, true]}", false, false)) {
            assertThat(guide.finished()).isFalse();
            guide.accept(token);
        }
        assertThat(guide.complete()).isTrue();
        assertThat(guide.finished()).as("nothing may follow the closing brace").isTrue();
        logits = new float[tokenizer.vocabularySize()];
        guide.mask(logits);
        assertThat(logits[eos]).isZero();
    }

    @Test
    void theClosingTagTokenComesOnlyAfterTheCall() {
        Grammar grammar = Grammar.toolCall(List.of(new Grammar.OfferedTool("f", null, "f")), null, "</tool_call>");
        int close = tokenizer.encode("</tool_call>", false, true)[0];
        TokenGuide guide = guides.guide(grammar);
        for (int token : tokenizer.encode("{\"name\": \"f\", \"arguments\": {\"x\": \"", false, false)) {
            guide.accept(token);
        }
        float[] logits = new float[tokenizer.vocabularySize()];
        guide.mask(logits);
        assertThat(logits[close]).as("not inside a string").isEqualTo(Float.NEGATIVE_INFINITY);
        for (int token : tokenizer.encode("y\"}}", false, false)) {
            guide.accept(token);
        }
        logits = new float[tokenizer.vocabularySize()];
        guide.mask(logits);
        assertThat(logits[close]).isZero();
        guide.accept(close);
        assertThat(guide.finished()).isTrue();
    }

    @Test
    void sequencesOfOneSchemaShareItsAutomatonButNotTheirPlace() {
        Grammar first = Grammar.jsonSchema(TestSchemas.tree(TestSchemas.ORDER), "schema");
        Grammar again = Grammar.jsonSchema(TestSchemas.tree(TestSchemas.ORDER), "schema");
        TokenGuide a = guides.guide(first);
        TokenGuide b = guides.guide(again);
        for (int token : tokenizer.encode("{\"id\": 4", false, false)) {
            a.accept(token);
        }
        float[] fromA = new float[tokenizer.vocabularySize()];
        float[] fromB = new float[tokenizer.vocabularySize()];
        a.mask(fromA);
        b.mask(fromB);
        assertThat(fromA).isNotEqualTo(fromB);
        for (int token : tokenizer.encode("{\"id\": 4", false, false)) {
            b.accept(token);
        }
        fromB = new float[tokenizer.vocabularySize()];
        b.mask(fromB);
        assertThat(fromB).isEqualTo(fromA);
    }
}
