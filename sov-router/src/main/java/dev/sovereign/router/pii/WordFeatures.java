package dev.sovereign.router.pii;

import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.StaticEmbeddings;
import dev.sovereign.router.encoder.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words of a text with their spans, and one feature vector per word for the name/place tagger:
 * the word's static embedding, its neighbours', and its shape (capitals, position).
 */
public final class WordFeatures {

    /** A word and its [start, end) span. */
    public record Word(String text, int start, int end) {
    }

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’.-]*\\p{L}|\\p{L}");
    static final int SHAPE = 6;

    private final WordPieceTokenizer tokenizer;
    private final StaticEmbeddings embeddings;

    public WordFeatures(WordPieceTokenizer tokenizer, StaticEmbeddings embeddings) {
        this.tokenizer = tokenizer;
        this.embeddings = embeddings;
    }

    public static List<Word> words(String text) {
        List<Word> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(new Word(m.group(), m.start(), m.end()));
        }
        return out;
    }

    /** Feature vectors of every word, in order. */
    public List<float[]> features(String text, List<Word> words) {
        int dim = embeddings.dimension();
        List<float[]> own = new ArrayList<>(words.size());
        for (Word w : words) {
            IntList ids = tokenizer.encode(w.text(), 16);
            own.add(embeddings.embed(ids));
        }
        float[] none = new float[dim];
        List<float[]> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            float[] f = new float[3 * dim + SHAPE];
            System.arraycopy(own.get(i), 0, f, 0, dim);
            System.arraycopy(i > 0 ? own.get(i - 1) : none, 0, f, dim, dim);
            System.arraycopy(i + 1 < words.size() ? own.get(i + 1) : none, 0, f, 2 * dim, dim);
            Word w = words.get(i);
            int at = 3 * dim;
            f[at] = Character.isUpperCase(w.text().codePointAt(0)) ? 1 : 0;
            f[at + 1] = w.text().chars().allMatch(c -> !Character.isLetter(c) || Character.isUpperCase(c)) ? 1 : 0;
            f[at + 2] = sentenceStart(text, w.start()) ? 1 : 0;
            f[at + 3] = i > 0 && Character.isUpperCase(words.get(i - 1).text().codePointAt(0)) ? 1 : 0;
            f[at + 4] = i + 1 < words.size() && Character.isUpperCase(words.get(i + 1).text().codePointAt(0)) ? 1 : 0;
            f[at + 5] = (float) Math.log1p(w.text().length());
            out.add(f);
        }
        return out;
    }

    private static boolean sentenceStart(String text, int start) {
        for (int i = start - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '.' || c == '!' || c == '?' || c == ':' || c == '"';
            }
        }
        return true;
    }
}
