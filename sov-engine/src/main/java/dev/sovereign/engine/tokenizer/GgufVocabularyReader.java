package dev.sovereign.engine.tokenizer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a tokenizer from GGUF {@code tokenizer.ggml.*} metadata with llama.cpp's defaults and conventions. */
final class GgufVocabularyReader {
    private static final String PREFIX = "tokenizer.ggml.";
    private final Map<String, Object> metadata;

    private GgufVocabularyReader(Map<String, Object> metadata) {
        this.metadata = metadata;
    }

    static Tokenizer read(Map<String, Object> metadata) {
        if (metadata == null) {
            throw new TokenizerException("GGUF metadata is null");
        }
        return new GgufVocabularyReader(metadata).build();
    }

    private Tokenizer build() {
        Object model = metadata.get(PREFIX + "model");
        Object tokensValue = metadata.get(PREFIX + "tokens");
        if (model == null || "no_vocab".equals(model) || "none".equals(model) || tokensValue == null) {
            throw new TokenizerException("GGUF file has no vocabulary (" + PREFIX
                    + (model == null ? "model" : "tokens") + " missing); a tokenizer needs one");
        }
        List<String> tokens = stringList("tokens", tokensValue);
        int n = tokens.size();
        float[] scores = metadata.get(PREFIX + "scores") instanceof float[] f ? f : null;
        if (scores != null && scores.length != n) {
            throw new TokenizerException(PREFIX + "scores has " + scores.length + " entries for " + n + " tokens");
        }
        TokenType[] types = new TokenType[n];
        int[] codes = metadata.get(PREFIX + "token_type") instanceof int[] c ? c : null;
        if (codes != null && codes.length != n) {
            throw new TokenizerException(PREFIX + "token_type has " + codes.length + " entries for " + n + " tokens");
        }
        for (int i = 0; i < n; i++) {
            types[i] = codes == null ? TokenType.NORMAL : TokenType.fromGguf(codes[i]);
        }
        Vocabulary vocab = new Vocabulary(tokens, scores, types);

        FragmentEncoder encoder;
        int bos;
        int eos;
        boolean addBos;
        switch (String.valueOf(model)) {
            case "llama" -> {
                bos = 1;
                eos = 2;
                addBos = true;
                int unknown = integer("unknown_token_id", 0);
                boolean spacePrefix = bool("add_space_prefix", true);
                encoder = new SentencePieceEncoder(vocab, SentencePieceEncoder.byScore(vocab), spacePrefix
                                ? SentencePieceEncoder.SpacePrefix.AFTER_SPECIAL : SentencePieceEncoder.SpacePrefix.NEVER,
                        vocab.contains(unknown) ? unknown : -1);
            }
            case "gpt2" -> {
                bos = 11; // llama.cpp's defaults for BPE vocabularies without explicit ids
                eos = 11;
                String pre = metadata.get(PREFIX + "pre") instanceof String s ? s : null;
                boolean llama3 = pre != null && List.of("llama3", "llama-v3", "llama-bpe", "falcon3").contains(pre);
                addBos = llama3;
                Object mergesValue = metadata.get(PREFIX + "merges");
                if (mergesValue == null) {
                    throw new TokenizerException("GGUF vocabulary of type gpt2 has no " + PREFIX + "merges");
                }
                encoder = new ByteLevelEncoder(vocab, PreTokenizer.forGgufName(pre),
                        MergeRanks.fromLines(stringList("merges", mergesValue)), llama3);
            }
            default -> throw new TokenizerException("unsupported tokenizer model " + PREFIX + "model='" + model
                    + "' (supported: llama (SentencePiece BPE), gpt2 (byte-level BPE))");
        }
        bos = tokenId("bos_token_id", bos, n);
        eos = tokenId("eos_token_id", eos, n);
        addBos = bool("add_bos_token", addBos);
        boolean addEos = bool("add_eos_token", false);
        return new VocabularyTokenizer(vocab, encoder,
                new VocabularyTokenizer.SpecialIds(bos, eos, addBos, addEos, endOfGeneration(vocab, eos, n)));
    }

    private Set<Integer> endOfGeneration(Vocabulary vocab, int eos, int n) {
        return EndOfGeneration.collect(vocab, List.of(eos, tokenId("eot_token_id", -1, n), tokenId("eom_token_id", -1, n)));
    }

    private int tokenId(String key, int fallback, int n) {
        int id = integer(key, fallback);
        return id >= 0 && id < n ? id : fallback;
    }

    private int integer(String key, int fallback) {
        Object v = metadata.get(PREFIX + key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number number) {
            return number.intValue();
        }
        throw new TokenizerException(PREFIX + key + " must be an integer, got " + v.getClass().getSimpleName());
    }

    private boolean bool(String key, boolean fallback) {
        Object v = metadata.get(PREFIX + key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new TokenizerException(PREFIX + key + " must be a bool, got " + v.getClass().getSimpleName());
    }

    private static List<String> stringList(String key, Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            @SuppressWarnings("unchecked")
            List<String> strings = (List<String>) list;
            return strings;
        }
        throw new TokenizerException(PREFIX + key + " must be an array of strings");
    }
}
