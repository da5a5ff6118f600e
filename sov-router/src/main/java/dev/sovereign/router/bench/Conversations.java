package dev.sovereign.router.bench;

import dev.sovereign.router.RouteRequest;
import dev.sovereign.router.encoder.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benign text of exact sizes cut from a real corpus: single prompts of N WordPiece tokens, and
 * conversations (a system message, then user and assistant turns in turn) of M messages and about
 * T tokens. The guard's latency target (issue 17) is stated for 20 messages and 8k tokens.
 */
public final class Conversations {

    public static final int MESSAGES = 20;
    public static final int TOKENS = 8192;

    private Conversations() {
    }

    /** {@code count} conversations of {@code messages} messages and at least {@code tokens} tokens. */
    public static List<RouteRequest> of(List<String> corpus, WordPieceTokenizer tokenizer, int count, int messages, int tokens) {
        List<String> texts = prompts(corpus, tokenizer, (tokens + messages - 1) / messages, count * messages);
        List<RouteRequest> out = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            List<RouteRequest.Message> conversation = new ArrayList<>(messages);
            for (int m = 0; m < messages; m++) {
                String role = m == 0 ? "system" : m % 2 == 1 ? "user" : "assistant";
                conversation.add(new RouteRequest.Message(role, texts.get(c * messages + m), 0));
            }
            out.add(new RouteRequest(conversation));
        }
        return out;
    }

    /** Distinct prompts of exactly {@code tokens} WordPiece tokens, cut from the corpus in order. */
    public static List<String> prompts(List<String> corpus, WordPieceTokenizer tokenizer, int tokens, int count) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            while (tokenizer.encode(sb.toString(), tokens + 1).size() < tokens) {
                sb.append(corpus.get(at++ % corpus.size())).append('\n');
            }
            String[] words = sb.toString().split(" ");
            int lo = 1;
            int hi = words.length;
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                if (tokenizer.encode(String.join(" ", Arrays.copyOf(words, mid)), tokens + 1).size() >= tokens) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out.add(String.join(" ", Arrays.copyOf(words, lo)));
        }
        return out;
    }
}
