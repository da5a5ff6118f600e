package dev.sovereign.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Builds a tokenizer from a Hugging Face model directory: tokenizer.json (BPE model, byte-level or
 * SentencePiece-style with byte fallback) plus tokenizer_config.json and generation_config.json for BOS/EOS.
 */
final class HuggingFaceTokenizerReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BYTE_TOKEN = Pattern.compile("<0x[0-9A-F]{2}>");

    private final Path dir;
    private final JsonNode root;
    private final JsonNode config;
    private final JsonNode generation;

    private HuggingFaceTokenizerReader(Path dir, JsonNode root, JsonNode config, JsonNode generation) {
        this.dir = dir;
        this.root = root;
        this.config = config;
        this.generation = generation;
    }

    static Tokenizer read(Path dir) {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException("no tokenizer.json in " + dir + " (a Hugging Face model directory needs one)");
        }
        return new HuggingFaceTokenizerReader(dir, parse(file), parseOptional(dir.resolve("tokenizer_config.json")),
                parseOptional(dir.resolve("generation_config.json"))).build();
    }

    private static JsonNode parse(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TokenizerException(file.getFileName() + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static JsonNode parseOptional(Path file) {
        return Files.isRegularFile(file) ? parse(file) : JSON.missingNode();
    }

    private Tokenizer build() {
        JsonNode model = root.path("model");
        String type = model.path("type").asText("BPE");
        if (!"BPE".equals(type) || !model.path("vocab").isObject()) {
            throw new TokenizerException("unsupported tokenizer model type '" + type + "' in tokenizer.json of " + dir
                    + " (supported: BPE)");
        }
        boolean byteFallback = model.path("byte_fallback").asBoolean(false);
        Vocabulary vocab = vocabulary(model, byteFallback);
        BpeMerger.PairRank ranks = MergeRanks.fromLines(mergeLines(model.path("merges")));
        List<JsonNode> preTokenizers = flatten(root.path("pre_tokenizer"), "pretokenizers");
        List<JsonNode> normalizers = flatten(root.path("normalizer"), "normalizers");
        List<JsonNode> decoders = flatten(root.path("decoder"), "decoders");

        FragmentEncoder encoder;
        boolean sentencePiece = false;
        if (hasType(preTokenizers, "ByteLevel") || hasType(decoders, "ByteLevel")) {
            encoder = new ByteLevelEncoder(vocab, PreTokenizer.of(splitRegexes(preTokenizers)), ranks,
                    model.path("ignore_merges").asBoolean(false));
        } else if (byteFallback || hasType(preTokenizers, "Metaspace") || replacesSpaces(normalizers)) {
            int unknown = model.path("unk_token").isTextual() ? vocab.id(model.path("unk_token").asText()) : -1;
            encoder = new SentencePieceEncoder(vocab, ranks, spacePrefix(normalizers, preTokenizers), unknown);
            sentencePiece = true;
        } else {
            throw new TokenizerException("unsupported tokenizer.json layout in " + dir
                    + ": neither byte-level (ByteLevel pre-tokenizer) nor SentencePiece-style (Metaspace or byte_fallback)");
        }
        encoder = normalized(encoder, normalizers);
        if (sentencePiece) {
            encoder = new DecodedAddedTokens(encoder);
        }

        int bos = specialId(vocab, "bos_token");
        int eos = specialId(vocab, "eos_token");
        int templateBos = templatePrefixToken(vocab);
        if (bos < 0) {
            bos = templateBos;
        }
        boolean addBos = config.has("add_bos_token") ? config.path("add_bos_token").asBoolean() : templateBos >= 0;
        boolean addEos = config.path("add_eos_token").asBoolean(false);
        List<Integer> declared = new ArrayList<>(List.of(eos));
        JsonNode generationEos = generation.path("eos_token_id");
        if (generationEos.isInt()) {
            declared.add(generationEos.asInt());
        } else {
            generationEos.forEach(id -> declared.add(id.asInt()));
        }
        return new VocabularyTokenizer(vocab, encoder, new VocabularyTokenizer.SpecialIds(bos, eos, addBos && bos >= 0,
                addEos && eos >= 0, EndOfGeneration.collect(vocab, declared)));
    }

    private Vocabulary vocabulary(JsonNode model, boolean byteFallback) {
        Map<Integer, String> byId = new HashMap<>();
        Map<Integer, TokenType> typeById = new HashMap<>();
        model.path("vocab").properties().forEach(e -> {
            byId.put(e.getValue().asInt(), e.getKey());
            typeById.put(e.getValue().asInt(), byteFallback && BYTE_TOKEN.matcher(e.getKey()).matches()
                    ? TokenType.BYTE : TokenType.NORMAL);
        });
        for (JsonNode added : root.path("added_tokens")) {
            if (!added.path("id").canConvertToInt() || !added.path("content").isTextual()) {
                throw new TokenizerException("tokenizer.json added_tokens entry without id/content: " + added);
            }
            int id = added.path("id").asInt();
            byId.put(id, added.path("content").asText());
            typeById.put(id, added.path("special").asBoolean(false) ? TokenType.CONTROL : TokenType.USER_DEFINED);
        }
        int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        if (size == 0) {
            throw new TokenizerException("tokenizer.json in " + dir + " has an empty vocabulary");
        }
        List<String> tokens = new ArrayList<>(size);
        TokenType[] types = new TokenType[size];
        for (int i = 0; i < size; i++) {
            tokens.add(byId.get(i));
            types[i] = typeById.getOrDefault(i, TokenType.UNUSED);
        }
        return new Vocabulary(tokens, null, types);
    }

    private static List<String> mergeLines(JsonNode merges) {
        List<String> lines = new ArrayList<>();
        for (JsonNode merge : merges) {
            if (merge.isTextual()) {
                lines.add(merge.asText());
            } else if (merge.isArray() && merge.size() == 2) { // newer tokenizers: ["left", "right"]
                lines.add(merge.get(0).asText() + ' ' + merge.get(1).asText());
            } else {
                throw new TokenizerException("tokenizer.json merge rule is neither \"a b\" nor [a, b]: " + merge);
            }
        }
        return lines;
    }

    /** A Sequence's members, or the single component, or nothing for null. */
    private static List<JsonNode> flatten(JsonNode node, String membersField) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if ("Sequence".equals(node.path("type").asText())) {
            node.path(membersField).forEach(member -> out.addAll(flatten(member, membersField)));
        } else {
            out.add(node);
        }
        return out;
    }

    private static boolean hasType(List<JsonNode> components, String type) {
        return components.stream().anyMatch(c -> type.equals(c.path("type").asText()));
    }

    private static List<String> splitRegexes(List<JsonNode> preTokenizers) {
        List<String> regexes = new ArrayList<>();
        for (JsonNode p : preTokenizers) {
            switch (p.path("type").asText()) {
                case "Split" -> {
                    String behavior = p.path("behavior").asText("Isolated");
                    if (!"Isolated".equals(behavior) || p.path("invert").asBoolean(false)) {
                        throw new TokenizerException("unsupported Split pre-tokenizer behavior '" + behavior
                                + "' (invert=" + p.path("invert").asBoolean(false) + "); supported: Isolated");
                    }
                    JsonNode pattern = p.path("pattern");
                    regexes.add(pattern.has("Regex") ? pattern.path("Regex").asText()
                            : Pattern.quote(pattern.path("String").asText()));
                }
                case "ByteLevel" -> {
                    if (p.path("use_regex").asBoolean(true)) {
                        regexes.add(PreTokenizer.GPT2);
                    }
                    if (p.path("add_prefix_space").asBoolean(false)) {
                        throw new TokenizerException("ByteLevel add_prefix_space=true is not supported");
                    }
                }
                default -> throw new TokenizerException("unsupported pre-tokenizer '" + p.path("type").asText()
                        + "' in a byte-level tokenizer.json (supported: Split, ByteLevel)");
            }
        }
        return regexes;
    }

    private static boolean replacesSpaces(List<JsonNode> normalizers) {
        return normalizers.stream().anyMatch(n -> "Replace".equals(n.path("type").asText())
                && " ".equals(n.path("pattern").path("String").asText())
                && SentencePieceEncoder.SPACE.equals(n.path("content").asText()));
    }

    private static SentencePieceEncoder.SpacePrefix spacePrefix(List<JsonNode> normalizers, List<JsonNode> pres) {
        if (normalizers.stream().anyMatch(n -> "Prepend".equals(n.path("type").asText()))) {
            return SentencePieceEncoder.SpacePrefix.AFTER_SPECIAL; // a normalizer runs on every fragment
        }
        for (JsonNode p : pres) {
            if ("Metaspace".equals(p.path("type").asText())) {
                String scheme = p.path("prepend_scheme").asText(p.path("add_prefix_space").asBoolean(true)
                        ? "always" : "never");
                return switch (scheme) {
                    case "first" -> SentencePieceEncoder.SpacePrefix.METASPACE_FIRST;
                    case "never" -> SentencePieceEncoder.SpacePrefix.NEVER;
                    default -> SentencePieceEncoder.SpacePrefix.METASPACE_ALWAYS;
                };
            }
        }
        return SentencePieceEncoder.SpacePrefix.NEVER;
    }

    /** Applies Unicode normalizers; the SentencePiece space handling is done by the encoder itself. */
    private static FragmentEncoder normalized(FragmentEncoder encoder, List<JsonNode> normalizers) {
        List<UnaryOperator<String>> steps = new ArrayList<>();
        for (JsonNode n : normalizers) {
            String type = n.path("type").asText();
            switch (type) {
                case "NFC" -> steps.add(s -> Normalizer.normalize(s, Normalizer.Form.NFC));
                case "NFD" -> steps.add(s -> Normalizer.normalize(s, Normalizer.Form.NFD));
                case "NFKC" -> steps.add(s -> Normalizer.normalize(s, Normalizer.Form.NFKC));
                case "NFKD" -> steps.add(s -> Normalizer.normalize(s, Normalizer.Form.NFKD));
                case "Prepend", "Replace" -> {
                    if (!"Prepend".equals(type) && !" ".equals(n.path("pattern").path("String").asText())) {
                        throw new TokenizerException("unsupported Replace normalizer pattern " + n.path("pattern"));
                    }
                }
                default -> throw new TokenizerException("unsupported normalizer '" + type
                        + "' in tokenizer.json (supported: NFC, NFD, NFKC, NFKD, SentencePiece Prepend/Replace)");
            }
        }
        if (steps.isEmpty()) {
            return encoder;
        }
        return new FragmentEncoder() {
            @Override
            public void encode(String text, boolean atStart, boolean afterSpecial, List<Integer> out) {
                String normalizedText = text;
                for (UnaryOperator<String> step : steps) {
                    normalizedText = step.apply(normalizedText);
                }
                encoder.encode(normalizedText, atStart, afterSpecial, out);
            }

            @Override
            public byte[] normalPiece(int id) {
                return encoder.normalPiece(id);
            }

            @Override
            public boolean stripsLeadingSpace() {
                return encoder.stripsLeadingSpace();
            }
        };
    }

    /** tokenizer_config.json's bos_token/eos_token: a string or {"content": ...}; -1 when absent or null. */
    private int specialId(Vocabulary vocab, String field) {
        JsonNode node = config.path(field);
        String text = node.isTextual() ? node.asText() : node.path("content").isTextual()
                ? node.path("content").asText() : null;
        if (text == null) {
            return -1;
        }
        int id = vocab.id(text);
        if (id < 0) {
            throw new TokenizerException("tokenizer_config.json " + field + " '" + text + "' is not in the vocabulary");
        }
        return id;
    }

    /** The special token a TemplateProcessing post-processor puts before the text (Llama's BOS), or -1. */
    private int templatePrefixToken(Vocabulary vocab) {
        for (JsonNode p : flatten(root.path("post_processor"), "processors")) {
            if (!"TemplateProcessing".equals(p.path("type").asText())) {
                continue;
            }
            for (JsonNode piece : p.path("single")) {
                if (piece.has("Sequence")) {
                    return -1;
                }
                if (piece.has("SpecialToken")) {
                    return vocab.id(piece.path("SpecialToken").path("id").asText());
                }
            }
        }
        return -1;
    }
}
