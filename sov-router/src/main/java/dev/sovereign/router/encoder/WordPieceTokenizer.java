package dev.sovereign.router.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * BERT uncased WordPiece tokenizer, read from a Hugging Face {@code tokenizer.json}. Pure Java so
 * the router needs no native tokenizer library; tests check it against Hugging Face's own.
 */
public final class WordPieceTokenizer {

    public static final int CLS = 101;
    public static final int SEP = 102;
    private static final int MAX_WORD_CHARS = 100;
    /** Hugging Face matches added tokens in the raw text before normalising; so do we. */
    private static final java.util.List<String> SPECIALS = java.util.List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private final Map<String, Integer> vocab;
    private final VocabIndex index;
    private final int unkId;

    private WordPieceTokenizer(Map<String, Integer> vocab) {
        this.vocab = vocab;
        this.index = new VocabIndex(vocab);
        this.unkId = vocab.get("[UNK]");
    }

    public static WordPieceTokenizer fromTokenizerJson(InputStream in) {
        try {
            JsonNode vocabNode = new ObjectMapper().readTree(in).path("model").path("vocab");
            Map<String, Integer> vocab = new HashMap<>(vocabNode.size() * 2);
            for (Iterator<Map.Entry<String, JsonNode>> it = vocabNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                vocab.put(e.getKey(), e.getValue().asInt());
            }
            return new WordPieceTokenizer(vocab);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer.json", e);
        }
    }

    public int vocabSize() {
        return vocab.size();
    }

    /**
     * The word being read: raw chars, and whether they are all ASCII (then lowercasing is the
     * whole of BERT's normalisation and is done in place, with no String made).
     */
    private static final class Word {
        char[] chars = new char[32];
        int length;
        boolean ascii = true;

        void append(int cp) {
            if (length + 2 > chars.length) {
                chars = java.util.Arrays.copyOf(chars, chars.length * 2);
            }
            if (cp < 128) {
                chars[length++] = (char) cp;
            } else {
                ascii = false;
                length += Character.toChars(cp, chars, length);
            }
        }

        void clear() {
            length = 0;
            ascii = true;
        }
    }

    /** Token ids of {@code text} without [CLS]/[SEP], at most {@code maxTokens} of them. */
    public IntList encode(String text, int maxTokens) {
        IntList ids = new IntList(Math.min(maxTokens, text.length() / 3 + 8));
        Word word = new Word();
        int n = text.length();
        for (int i = 0; i < n && ids.size() < maxTokens; ) {
            char c = text.charAt(i);
            if (c < 128) {
                i++;
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                    word.append(c);
                    continue;
                }
                if (c == '[') {
                    int special = specialAt(text, i - 1);
                    if (special >= 0) {
                        flush(word, ids, maxTokens);
                        ids.add(vocab.get(SPECIALS.get(special)));
                        i += SPECIALS.get(special).length() - 1;
                        continue;
                    }
                }
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    flush(word, ids, maxTokens);
                } else if (c < 32 || c == 127) {
                    continue;  // control characters are dropped
                } else {
                    // the rest of printable ASCII is punctuation to BERT: a token of its own
                    flush(word, ids, maxTokens);
                    word.append(c);
                    flush(word, ids, maxTokens);
                }
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0xFFFD || isControl(cp)) {
                continue;
            }
            if (isWhitespace(cp)) {
                flush(word, ids, maxTokens);
            } else if (isPunctuation(cp) || isCjk(cp)) {
                flush(word, ids, maxTokens);
                word.append(cp);
                flush(word, ids, maxTokens);
            } else {
                word.append(cp);
            }
        }
        flush(word, ids, maxTokens);
        return ids;
    }

    /** Index in {@link #SPECIALS} of the special token written literally at {@code i}, or -1. */
    private static int specialAt(String text, int i) {
        for (int k = 0; k < SPECIALS.size(); k++) {
            if (text.startsWith(SPECIALS.get(k), i)) {
                return k;
            }
        }
        return -1;
    }

    private void flush(Word raw, IntList out, int maxTokens) {
        if (raw.length == 0) {
            return;
        }
        char[] chars;
        int length;
        if (raw.ascii) {
            chars = raw.chars;
            length = raw.length;
            for (int i = 0; i < length; i++) {
                char c = chars[i];
                if (c >= 'A' && c <= 'Z') {
                    chars[i] = (char) (c + ('a' - 'A'));
                }
            }
        } else {
            String normalized = normalize(new String(raw.chars, 0, raw.length));
            chars = normalized.toCharArray();
            length = chars.length;
        }
        raw.clear();
        if (length == 0) {
            return;
        }
        if (length > MAX_WORD_CHARS && Character.codePointCount(chars, 0, length) > MAX_WORD_CHARS) {
            out.add(unkId);
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < length) {
            int end = length;
            int found = -1;
            while (start < end) {
                found = index.find(chars, start, end, start > 0);
                if (found >= 0) {
                    break;
                }
                end = Character.isLowSurrogate(chars[end - 1]) ? end - 2 : end - 1;
            }
            if (found < 0) {
                out.truncate(mark);
                out.add(unkId);
                return;
            }
            out.add(found);
            start = end;
        }
        if (out.size() > maxTokens) {
            out.truncate(maxTokens);
        }
    }

    /** Lowercase and strip accents (BERT's normalizer with lowercase=true). */
    private static String normalize(String word) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 128;
        }
        if (ascii) {
            return lower;
        }
        String nfd = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(nfd.length());
        nfd.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static boolean isWhitespace(int cp) {
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.SPACE_SEPARATOR || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE
                || t == Character.SURROGATE || t == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
