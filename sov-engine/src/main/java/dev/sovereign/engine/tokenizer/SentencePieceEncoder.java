package dev.sovereign.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SentencePiece BPE as llama.cpp runs it: spaces become '▁' (and a '▁' is prefixed at the start and after special
 * tokens), characters are merged pairwise by the ranks given, and pieces missing from the vocabulary fall back to
 * byte tokens {@code <0xNN>}.
 */
final class SentencePieceEncoder implements FragmentEncoder {
    static final String SPACE = "\u2581";

    private final Vocabulary vocab;
    private final BpeMerger.PairRank ranks;
    private final SpacePrefix spacePrefix;
    private final int unknownId;

    /**
     * Where a '▁' is prefixed: llama.cpp (and the Prepend normalizer) at the start and after every special token;
     * Hugging Face's Metaspace pre-tokenizer only where the text does not already begin with a space, at the
     * start of the text ("first") or of every fragment ("always").
     */
    enum SpacePrefix { NEVER, AFTER_SPECIAL, METASPACE_FIRST, METASPACE_ALWAYS }

    SentencePieceEncoder(Vocabulary vocab, BpeMerger.PairRank ranks, SpacePrefix spacePrefix, int unknownId) {
        this.vocab = vocab;
        this.ranks = ranks;
        this.spacePrefix = spacePrefix;
        this.unknownId = unknownId;
    }

    /** llama.cpp's ranking: the merged piece's score, higher first. */
    static BpeMerger.PairRank byScore(Vocabulary vocab) {
        return (left, right) -> {
            int id = vocab.id(left + right);
            return id < 0 ? Double.NaN : -vocab.score(id);
        };
    }

    @Override
    public void encode(String text, boolean atStart, boolean afterSpecial, List<Integer> out) {
        String escaped = text.replace(" ", SPACE);
        boolean prefix = switch (spacePrefix) {
            case NEVER -> false;
            case AFTER_SPECIAL -> afterSpecial;
            case METASPACE_FIRST -> atStart && !escaped.startsWith(SPACE);
            case METASPACE_ALWAYS -> !escaped.startsWith(SPACE);
        };
        if (prefix) {
            escaped = SPACE + escaped;
        }
        List<String> symbols = new ArrayList<>();
        escaped.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
        for (String piece : BpeMerger.merge(symbols, ranks)) {
            int id = vocab.id(piece);
            if (id >= 0) {
                out.add(id);
            } else {
                for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                    out.add(byteToken(b & 0xFF));
                }
            }
        }
    }

    private int byteToken(int b) {
        int id = vocab.id(String.format("<0x%02X>", b));
        if (id < 0 && b < 0x80) {
            id = vocab.id(String.valueOf((char) b));
        }
        if (id < 0) {
            if (unknownId >= 0) {
                return unknownId;
            }
            throw new TokenizerException(String.format(
                    "vocabulary has no byte-fallback token <0x%02X> and no unknown token", b));
        }
        return id;
    }

    @Override
    public byte[] normalPiece(int id) {
        String text = vocab.text(id);
        if (vocab.type(id) == TokenType.BYTE) {
            if (text.length() == 6 && text.startsWith("<0x") && text.endsWith(">")) {
                return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return text.replace(SPACE, " ").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean stripsLeadingSpace() {
        return spacePrefix != SpacePrefix.NEVER;
    }
}
