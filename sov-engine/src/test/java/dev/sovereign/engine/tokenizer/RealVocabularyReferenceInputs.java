package dev.sovereign.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes what tools/hf-reference/tokenizers_and_templates.py needs to produce the reference for the real
 * vocabularies' ids: {@code OUT/tokenizers/<name>/} (tokenizer.json and tokenizer_config.json) plus corpus.json (the templates' part is
 * {@code RealTemplateCases}). Run with the test classpath, tools/npm installed.
 *
 * <p>The real tokenizer.json files are 2 to 33 MB; the reference machine gets each cut down to the vocabulary
 * entries that can occur in the corpus: a token (and a merge producing it) that is no substring of any text, in
 * the vocabulary's own alphabet, can never be produced, so removing it changes no id. Ids keep their numbers and
 * merges their order, which is all BPE compares; added tokens, byte-fallback tokens and unk are all kept.
 * Checked against the untrimmed files with tokenizers itself (through DJL) before the reference was made.
 */
public final class RealVocabularyReferenceInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BYTE_TOKEN = Pattern.compile("<0x[0-9A-F]{2}>");
    private static final int INDEXED_LENGTH = 48;

    private RealVocabularyReferenceInputs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path tokenizers = Files.createDirectories(out.resolve("tokenizers"));
        List<String> corpus = RealVocabularies.corpus();
        for (String name : RealVocabularies.NAMES) {
            ObjectNode root = (ObjectNode) JSON.readTree(RealVocabularies.directory(name).resolve("tokenizer.json").toFile());
            trim(root, corpus);
            Files.createDirectories(tokenizers.resolve(name));
            Files.writeString(tokenizers.resolve(name).resolve("tokenizer.json"), JSON.writeValueAsString(root));
            // transformers' tokenizer reads its settings (add_bos_token, tokenizer_class) from here; the template
            // travels separately and added_tokens_decoder repeats tokenizer.json's added tokens (1 MB for gemma3)
            ObjectNode config = (ObjectNode) RealVocabularies.config(name);
            config.remove(List.of("chat_template", "added_tokens_decoder"));
            Files.writeString(tokenizers.resolve(name).resolve("tokenizer_config.json"), JSON.writeValueAsString(config));
        }
        Files.writeString(tokenizers.resolve("corpus.json"), JSON.writeValueAsString(corpus));
    }

    /** Removes from {@code root}'s BPE model every token and merge that no text of {@code corpus} can produce. */
    static void trim(ObjectNode root, List<String> corpus) {
        ObjectNode model = (ObjectNode) root.path("model");
        Set<String> keep = new HashSet<>();
        root.path("added_tokens").forEach(t -> keep.add(t.path("content").asText()));
        if (model.path("unk_token").isTextual()) {
            keep.add(model.path("unk_token").asText());
        }
        Substrings texts = new Substrings(spellings(corpus, keep));
        ObjectNode vocab = (ObjectNode) model.path("vocab");
        vocab.properties().removeIf(e -> !keep.contains(e.getKey()) && !BYTE_TOKEN.matcher(e.getKey()).matches()
                && !texts.contains(e.getKey()));
        ArrayNode merges = JSON.createArrayNode();
        for (JsonNode merge : model.path("merges")) {
            String left;
            String right;
            if (merge.isArray()) {
                left = merge.get(0).asText();
                right = merge.get(1).asText();
            } else {
                int space = merge.asText().indexOf(' ', 1);
                left = merge.asText().substring(0, space);
                right = merge.asText().substring(space + 1);
            }
            if (vocab.has(left) && vocab.has(right) && vocab.has(left + right)) {
                merges.add(merge);
            }
        }
        model.set("merges", merges);
        // tokenizers numbers an added token missing from the model's vocabulary after the vocabulary's size, which
        // trimming shrinks; listing it in the vocabulary under its own id keeps its number (no merge yields it)
        root.path("added_tokens").forEach(t -> vocab.put(t.path("content").asText(), t.path("id").asInt()));
    }

    /**
     * Every way a piece of a corpus text can reach the BPE model: as is and NFC-composed, split at any added
     * token, in the byte-level alphabet and in SentencePiece's (spaces as U+2581, with the prepended one).
     */
    private static List<String> spellings(List<String> corpus, Set<String> addedTokens) {
        List<String> pieces = new ArrayList<>();
        for (String text : corpus) {
            for (String form : List.of(text, Normalizer.normalize(text, Normalizer.Form.NFC))) {
                pieces.add(form);
                List<String> segments = List.of(form);
                for (String added : addedTokens) {
                    if (added.isEmpty()) {
                        continue;
                    }
                    List<String> split = new ArrayList<>();
                    segments.forEach(s -> split.addAll(List.of(s.split(Pattern.quote(added), -1))));
                    segments = split;
                }
                pieces.addAll(segments);
            }
        }
        List<String> spellings = new ArrayList<>();
        for (String piece : pieces) {
            spellings.add(ByteLevelAlphabet.encode(piece));
            spellings.add(ByteLevelAlphabet.encode(" " + piece));
            String sentencePiece = piece.replace(' ', '\u2581');
            spellings.add(sentencePiece);
            spellings.add('\u2581' + sentencePiece);
        }
        return spellings;
    }

    /** Substring tests against a few kilobytes of text for hundreds of thousands of tokens. */
    private static final class Substrings {
        private final Set<String> shortOnes = new HashSet<>();
        private final List<String> texts;

        Substrings(List<String> texts) {
            this.texts = texts;
            for (String text : texts) {
                for (int start = 0; start < text.length(); start++) {
                    for (int end = start + 1; end <= Math.min(text.length(), start + INDEXED_LENGTH); end++) {
                        shortOnes.add(text.substring(start, end));
                    }
                }
            }
        }

        boolean contains(String token) {
            if (token.length() <= INDEXED_LENGTH) {
                return shortOnes.contains(token);
            }
            return texts.stream().anyMatch(t -> t.contains(token));
        }
    }
}
