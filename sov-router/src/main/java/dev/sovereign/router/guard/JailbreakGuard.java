package dev.sovereign.router.guard;

import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.StaticEmbeddings;
import java.util.List;

/**
 * The jailbreak / prompt-injection guard over every text the client controls: each message is
 * cut into {@link GuardWindows}, every window is scored by the jailbreak head, and the
 * conversation gets its most suspicious window's score. The cost is linear in the text and
 * bounded: past {@link #MAX_GUARDED_CHARS} characters the guard reads nothing and says so, and
 * the router refuses the request (docs/router.md, "Guarding the whole conversation").
 */
public final class JailbreakGuard {

    /** 1 MiB of text, about 250k tokens: more than any served model's context. */
    public static final int MAX_GUARDED_CHARS = 1 << 20;

    private final StaticEmbeddings embeddings;
    private final LinearHead head;
    private final int jailbreakIndex;

    public JailbreakGuard(StaticEmbeddings embeddings, LinearHead head) {
        if (head.dimension() != embeddings.dimension()) {
            throw new IllegalArgumentException("jailbreak head " + head.name() + " reads " + head.dimension()
                    + " features, the static embeddings have " + embeddings.dimension());
        }
        this.embeddings = embeddings;
        this.head = head;
        this.jailbreakIndex = head.labels().indexOf("jailbreak");
    }

    /** True when {@code texts} together are too long to be guarded; check before tokenising them. */
    public static boolean tooLong(List<String> texts) {
        long chars = 0;
        for (String t : texts) {
            chars += t.length();
        }
        return chars > MAX_GUARDED_CHARS;
    }

    /** Scores the tokens of each message (index i is message i). */
    public GuardVerdict scan(List<IntList> messages) {
        double best = 0;
        int where = -1;
        int windows = 0;
        int tokens = 0;
        for (int i = 0; i < messages.size(); i++) {
            IntList m = messages.get(i);
            tokens += m.size();
            for (GuardWindows.Window window : GuardWindows.of(embeddings, m)) {
                windows++;
                double p = score(window);
                if (p > best) {
                    best = p;
                    where = i;
                }
            }
        }
        return new GuardVerdict(best, where, windows, tokens, false);
    }

    /** The jailbreak probability of one text, as the guard scores it (training and evaluation use this too). */
    public double scoreText(IntList tokens) {
        double best = 0;
        for (GuardWindows.Window window : GuardWindows.of(embeddings, tokens)) {
            best = Math.max(best, score(window));
        }
        return best;
    }

    private double score(GuardWindows.Window window) {
        return head.probabilities(window.embedding(), window.tokens())[jailbreakIndex];
    }
}
