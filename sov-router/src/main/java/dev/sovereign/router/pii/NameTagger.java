package dev.sovereign.router.pii;

import dev.sovereign.router.classify.LinearHead;
import java.util.ArrayList;
import java.util.List;

/**
 * PERSON and LOCATION from a per-word classifier over static embeddings and word shape;
 * consecutive words with the same label form one entity.
 */
public final class NameTagger implements EntityTagger {

    public static final List<String> LABELS = List.of("O", "PERSON", "LOCATION");

    private final WordFeatures features;
    private final LinearHead head;
    private final double threshold;

    public NameTagger(WordFeatures features, LinearHead head, double threshold) {
        this.features = features;
        this.head = head;
        this.threshold = threshold;
    }

    @Override
    public List<PiiEntity> tag(String text) {
        List<WordFeatures.Word> words = WordFeatures.words(text);
        List<float[]> x = features.features(text, words);
        List<PiiEntity> out = new ArrayList<>();
        PiiType open = null;
        int start = 0;
        int end = 0;
        double score = 0;
        for (int i = 0; i < words.size(); i++) {
            float[] p = head.probabilities(x.get(i));
            int best = LinearHead.argmax(p);
            PiiType type = best == 0 || p[best] < threshold ? null : PiiType.valueOf(LABELS.get(best));
            if (open != null && type != open) {
                out.add(new PiiEntity(open, start, end, score));
                open = null;
            }
            if (type != null) {
                if (open == null) {
                    open = type;
                    start = words.get(i).start();
                    score = p[best];
                }
                end = words.get(i).end();
            }
        }
        if (open != null) {
            out.add(new PiiEntity(open, start, end, score));
        }
        return out;
    }
}
