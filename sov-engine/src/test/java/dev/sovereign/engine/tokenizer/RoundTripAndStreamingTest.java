package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** decode(encode(x)) == x, and streaming decoding equals full decoding without ever emitting half a character. */
class RoundTripAndStreamingTest {

    static Stream<Tokenizer> tokenizers() {
        return Stream.of(
                Tokenizers.fromGgufMetadata(TinySentencePieceVocabulary.llamaStyle().ggufMetadata()),
                Tokenizers.fromGgufMetadata(TinyVocabularies.qwenStyle().ggufMetadata()));
    }

    /** SentencePiece writes spaces as '▁', so a literal '▁' in the text cannot come back; all other text does. */
    static List<String> roundTrippable() {
        return ByteLevelAgreementTest.texts().stream().filter(t -> !t.contains("\u2581")).toList();
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void decodeInvertsEncode(Tokenizer tokenizer) {
        for (String text : roundTrippable()) {
            assertThat(tokenizer.decode(tokenizer.encode(text, false, false))).isEqualTo(text);
        }
    }

    /** Byte-level BPE round-trips even across parsed special tokens (SentencePiece adds a space after them). */
    @org.junit.jupiter.api.Test
    void byteLevelRoundTripsAcrossSpecialTokens() {
        Tokenizer tokenizer = Tokenizers.fromGgufMetadata(TinyVocabularies.qwenStyle().ggufMetadata());
        for (String text : ByteLevelAgreementTest.texts()) {
            assertThat(tokenizer.decode(tokenizer.encode(text, false, true))).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @MethodSource("tokenizers")
    void streamingEqualsFullDecodingOnText(Tokenizer tokenizer) {
        for (String text : roundTrippable()) {
            int[] tokens = tokenizer.encode(text, false, false);
            assertThat(streamed(tokenizer, tokens, false)).isEqualTo(text);
        }
    }

    /** Random token sequences include byte tokens that split characters, and invalid byte sequences. */
    @ParameterizedTest
    @MethodSource("tokenizers")
    void streamingEqualsFullDecodingOnRandomTokens(Tokenizer tokenizer) {
        Random random = new Random(42);
        List<Integer> byteTokens = byteTokens(tokenizer);
        for (int round = 0; round < 2000; round++) {
            int[] tokens = new int[1 + random.nextInt(12)];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(4) == 0 ? byteTokens.get(random.nextInt(byteTokens.size()))
                        : random.nextInt(tokenizer.vocabularySize());
            }
            assertThat(streamed(tokenizer, tokens, true)).as("tokens %s", java.util.Arrays.toString(tokens))
                    .isEqualTo(tokenizer.decode(tokens));
        }
    }

    private static List<Integer> byteTokens(Tokenizer tokenizer) {
        List<Integer> bytes = new ArrayList<>();
        for (int id = 0; id < tokenizer.vocabularySize(); id++) {
            if (tokenizer.tokenType(id) == TokenType.BYTE || tokenizer.tokenText(id).length() == 1) {
                bytes.add(id);
            }
        }
        return bytes;
    }

    /** Streams the tokens, checking that no chunk ends inside a character or carries a replacement it shouldn't. */
    private static String streamed(Tokenizer tokenizer, int[] tokens, boolean mayBeInvalid) {
        IncrementalDecoder decoder = tokenizer.incrementalDecoder();
        StringBuilder sb = new StringBuilder();
        for (int token : tokens) {
            String chunk = decoder.next(token);
            if (!chunk.isEmpty()) {
                assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).isFalse();
            }
            if (!mayBeInvalid) {
                assertThat(chunk).doesNotContain("\uFFFD");
            }
            sb.append(chunk);
        }
        return sb.append(decoder.flush()).toString();
    }
}
