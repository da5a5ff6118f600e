package dev.sovereign.router.guard;

import dev.sovereign.router.classify.HeadStore;
import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.StaticEmbeddings;
import dev.sovereign.router.encoder.StaticPromptEncoder;
import dev.sovereign.router.encoder.TransformerPromptEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The jailbreak / prompt-injection guard over every text the client controls: each message is
 * cut into {@link GuardWindows}, every window is scored by the jailbreak head, and the
 * conversation gets its most suspicious window's score. A short message the static head finds
 * suspicious gets a second opinion from the {@link ShortMessageHead} (the mean of the two). The
 * cost is linear in the text and bounded: past {@link #MAX_GUARDED_CHARS} characters the guard
 * reads nothing and says so, and the router refuses the request (docs/router.md, "Guarding the
 * whole conversation"); at most {@link #MAX_RESCORED} messages per request get a transformer pass.
 */
public final class JailbreakGuard {

    /** 1 MiB of text, about 250k tokens: more than any served model's context. */
    public static final int MAX_GUARDED_CHARS = 1 << 20;
    /**
     * Transformer passes per request, given to the most suspicious short messages first. The others
     * keep their static score, which flags about as many short jailbreaks and more safe messages
     * (docs/decisions/0153), so padding a request with suspicious short messages makes the guard
     * stricter, never blind, and never slower than this many passes.
     */
    public static final int MAX_RESCORED = 4;

    private final StaticEmbeddings embeddings;
    private final LinearHead head;
    private final ShortMessageHead shortHead;
    private final int jailbreakIndex;

    /** The static head alone (how candidates for the static head are compared on validation rows). */
    public JailbreakGuard(StaticEmbeddings embeddings, LinearHead head) {
        this(embeddings, head, null);
    }

    public JailbreakGuard(StaticEmbeddings embeddings, LinearHead head, ShortMessageHead shortHead) {
        if (head.dimension() != embeddings.dimension()) {
            throw new IllegalArgumentException("jailbreak head " + head.name() + " reads " + head.dimension()
                    + " features, the static embeddings have " + embeddings.dimension());
        }
        this.embeddings = embeddings;
        this.head = head;
        this.shortHead = shortHead;
        this.jailbreakIndex = head.labels().indexOf("jailbreak");
    }

    /** The guard the router runs: the committed static head and short-message head. */
    public static JailbreakGuard bundled(EncoderModels models) {
        return new JailbreakGuard(models.staticEmbeddings(), HeadStore.bundled("jailbreak", StaticPromptEncoder.NAME),
                new ShortMessageHead(models.transformer(), HeadStore.bundled("jailbreak-short", TransformerPromptEncoder.NAME)));
    }

    /** True when {@code texts} together are too long to be guarded; check before tokenising them. */
    public static boolean tooLong(List<String> texts) {
        long chars = 0;
        for (String t : texts) {
            chars += t.length();
        }
        return chars > MAX_GUARDED_CHARS;
    }

    /** Scores each message ({@code texts.get(i)} and its tokens {@code messages.get(i)}). */
    public GuardVerdict scan(List<String> texts, List<IntList> messages) {
        if (texts.size() != messages.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + messages.size() + " token lists");
        }
        double[] score = new double[messages.size()];
        int windows = 0;
        int tokens = 0;
        List<Integer> suspiciousShort = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            IntList m = messages.get(i);
            tokens += m.size();
            for (GuardWindows.Window window : GuardWindows.of(embeddings, m)) {
                windows++;
                score[i] = Math.max(score[i], score(window));
            }
            if (shortHead != null && m.size() > 0 && ShortMessageHead.applies(texts.get(i).length(), score[i])) {
                suspiciousShort.add(i);
            }
        }
        suspiciousShort.sort((a, b) -> Double.compare(score[b], score[a]));
        List<Integer> rescored = suspiciousShort.subList(0, Math.min(MAX_RESCORED, suspiciousShort.size()));
        for (int i : rescored) {
            score[i] = shortHead.combined(score[i], messages.get(i));
        }
        double best = 0;
        int where = -1;
        for (int i = 0; i < score.length; i++) {
            if (score[i] > best) {
                best = score[i];
                where = i;
            }
        }
        return new GuardVerdict(best, where, windows, tokens, rescored.size(), false);
    }

    /** The jailbreak probability of one text, as the guard scores it (evaluation uses this too). */
    public double scoreText(String text, IntList tokens) {
        return scan(List.of(text), List.of(tokens)).score();
    }

    /** Runs the transformer once, so the first short suspicious message does not pay for its start. */
    public void warmUp(IntList tokens) {
        if (shortHead != null) {
            shortHead.probability(tokens);
        }
    }

    private double score(GuardWindows.Window window) {
        return head.probabilities(window.embedding(), window.tokens())[jailbreakIndex];
    }
}
