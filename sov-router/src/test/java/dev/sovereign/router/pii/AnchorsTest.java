package dev.sovereign.router.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each anchor's one-pass scan finds exactly the positions its per-position test accepts. */
class AnchorsTest {

    private static final List<PatternRule.Anchor> ANCHORS = List.of(Anchors.DENSE_DIGIT_RUN, Anchors.DOTTED_DIGITS,
            Anchors.AT_SIGN, Anchors.COLON, Anchors.COLON_OR_EQUALS);

    /** The reference: the interface's default scan, which tests every position. */
    private static int[] everyPosition(PatternRule.Anchor anchor, String text) {
        return new PatternRule.Anchor() {
            @Override
            public boolean test(String t, int i) {
                return anchor.test(t, i);
            }
        }.positions(text);
    }

    @Test
    void scansAgreeWithTheTestOnRandomTexts() {
        Random random = new Random(17);
        String alphabet = "0123456789 .:=@-a+()";
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 10 : alphabet.length())));
            }
            for (PatternRule.Anchor anchor : ANCHORS) {
                assertThat(anchor.positions(text.toString())).as(text.toString()).isEqualTo(everyPosition(anchor, text.toString()));
            }
        }
    }

    @Test
    void denseDigitRunsAtTheEdges() {
        assertThat(Anchors.DENSE_DIGIT_RUN.positions("123456")).containsExactly(0);
        assertThat(Anchors.DENSE_DIGIT_RUN.positions("12345")).isEmpty();
        assertThat(Anchors.DENSE_DIGIT_RUN.positions("")).isEmpty();
        // six digits 40 characters apart are not a run: the span counts the first digit
        assertThat(Anchors.DENSE_DIGIT_RUN.positions("1" + "x".repeat(35) + "23456")).isEmpty();
        assertThat(Anchors.DENSE_DIGIT_RUN.positions("1" + "x".repeat(34) + "23456")).containsExactly(0);
    }

    @Test
    void aRuleWithLiteralsIsSkippedOnATextWithoutThem() {
        PatternRule keys = StructuredPii.rules().get(1);
        assertThat(keys.mayMatch("nothing secret here")).isFalse();
        assertThat(keys.mayMatch("key sk-abcdefghijklmnopqrstuvwxyz")).isTrue();
        assertThat(PiiDetector.structuredOnly().detect("key AKIAABCDEFGHIJKLMNOP in the log"))
                .extracting(PiiEntity::type).containsExactly(PiiType.SECRET);
    }
}
