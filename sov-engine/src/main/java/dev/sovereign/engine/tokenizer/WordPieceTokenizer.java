package dev.sovereign.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's tokenizer as Hugging Face {@code tokenizers} runs it: added tokens matched in the raw text, then
 * BertNormalizer (clean text, space around CJK ideographs, strip accents, lowercase), BertPreTokenizer (split at
 * whitespace and around punctuation) and greedy longest-match WordPiece with {@code ##} continuations.
 * The encoder models (MiniLM, BGE, E5) read it from tokenizer.json or from a GGUF {@code bert} vocabulary.
 */
public final class WordPieceTokenizer {

    private static final String CONTINUATION = "##";
    /** How llama.cpp's converter marks a word start in a GGUF {@code bert} vocabulary. */
    private static final String PHANTOM_SPACE = "\u2581";

    private final Map<String, Integer> vocab;
    private final List<String> specials;
    private final int unk;
    private final int cls;
    private final int sep;
    private final boolean lowercase;
    private final boolean stripAccents;
    private final int maxWordChars;

    private WordPieceTokenizer(Map<String, Integer> vocab, List<String> specials, boolean lowercase, boolean stripAccents,
            int maxWordChars) {
        this.vocab = vocab;
        this.specials = specials.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        this.unk = require(vocab, "[UNK]");
        this.cls = require(vocab, "[CLS]");
        this.sep = require(vocab, "[SEP]");
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
        this.maxWordChars = maxWordChars;
    }

    private static int require(Map<String, Integer> vocab, String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new TokenizerException("the WordPiece vocabulary has no " + token + " token");
        }
        return id;
    }

    /** From a Hugging Face tokenizer.json whose model is WordPiece. */
    public static WordPieceTokenizer fromTokenizerJson(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new TokenizerException("cannot read " + file + ": " + e.getMessage());
        }
        JsonNode model = root.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new TokenizerException(file + ": model.type is '" + model.path("type").asText()
                    + "', an encoder needs WordPiece");
        }
        Map<String, Integer> vocab = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        List<String> specials = new ArrayList<>();
        for (JsonNode added : root.path("added_tokens")) {
            specials.add(added.path("content").asText());
            vocab.putIfAbsent(added.path("content").asText(), added.path("id").asInt());
        }
        JsonNode normalizer = root.path("normalizer");
        boolean lowercase = normalizer.path("lowercase").asBoolean(false);
        JsonNode strip = normalizer.path("strip_accents");
        boolean stripAccents = strip.isMissingNode() || strip.isNull() ? lowercase : strip.asBoolean();
        return new WordPieceTokenizer(vocab, specials, lowercase, stripAccents,
                model.path("max_input_chars_per_word").asInt(100));
    }

    /**
     * From a GGUF {@code bert} vocabulary: word starts carry the phantom space and continuations nothing, which is
     * turned back into WordPiece's {@code ##} spelling. Such files come from uncased models, hence lowercase.
     */
    public static WordPieceTokenizer fromGgufTokens(List<String> tokens, int[] types) {
        Map<String, Integer> vocab = new HashMap<>();
        List<String> specials = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            boolean control = types != null && i < types.length && (types[i] == TokenType.CONTROL.ggufCode()
                    || types[i] == TokenType.UNKNOWN.ggufCode());
            String piece = control ? t : t.startsWith(PHANTOM_SPACE) ? t.substring(PHANTOM_SPACE.length())
                    : CONTINUATION + t;
            if (control) {
                specials.add(t);
            }
            vocab.putIfAbsent(piece, i);
        }
        return new WordPieceTokenizer(vocab, specials, true, true, 100);
    }

    public int clsToken() {
        return cls;
    }

    public int sepToken() {
        return sep;
    }

    public int vocabularySize() {
        return vocab.size();
    }

    /** {@code [CLS]} ids {@code [SEP]}, as the tokenizer's single-sequence template adds them. */
    public int[] encodeWithSpecials(String text) {
        int[] plain = encode(text);
        int[] out = new int[plain.length + 2];
        out[0] = cls;
        System.arraycopy(plain, 0, out, 1, plain.length);
        out[out.length - 1] = sep;
        return out;
    }

    /** The ids of {@code text} without {@code [CLS]}/{@code [SEP]}. */
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); ) {
            String special = specialAt(text, i);
            if (special == null) {
                i++;
                continue;
            }
            encodeSpan(text.substring(start, i), ids);
            ids.add(vocab.get(special));
            i += special.length();
            start = i;
        }
        encodeSpan(text.substring(start), ids);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private String specialAt(String text, int i) {
        for (String s : specials) {
            if (text.startsWith(s, i)) {
                return s;
            }
        }
        return null;
    }

    private void encodeSpan(String span, List<Integer> ids) {
        if (span.isEmpty()) {
            return;
        }
        for (String word : BertPreTokenizer.words(normalize(span))) {
            wordPiece(word, ids);
        }
    }

    /** BertNormalizer: clean text and space out CJK ideographs, then strip accents and lowercase as configured. */
    String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || BertPreTokenizer.isControl(cp)) {
                return;
            }
            if (BertPreTokenizer.isWhitespace(cp)) {
                sb.append(' ');
            } else if (BertPreTokenizer.isCjk(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String out = sb.toString();
        if (stripAccents) {
            StringBuilder stripped = new StringBuilder(out.length());
            Normalizer.normalize(out, Normalizer.Form.NFD).codePoints()
                    .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                    .forEach(stripped::appendCodePoint);
            out = stripped.toString();
        }
        if (lowercase) {
            // one code point at a time, as tokenizers does: no context rules such as Greek final sigma
            StringBuilder lower = new StringBuilder(out.length());
            out.codePoints().forEach(cp -> lower.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT)));
            out = lower.toString();
        }
        return out;
    }

    /** Greedy longest match from the left; a word with a part that matches nothing is one {@code [UNK]}. */
    private void wordPiece(String word, List<Integer> ids) {
        if (word.codePointCount(0, word.length()) > maxWordChars) {
            ids.add(unk);
            return;
        }
        int mark = ids.size();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String piece = word.substring(start, end);
                found = vocab.get(start > 0 ? CONTINUATION + piece : piece);
                if (found != null) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                ids.subList(mark, ids.size()).clear();
                ids.add(unk);
                return;
            }
            ids.add(found);
            start = end;
        }
    }
}
