package dev.sovereign.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Byte-level BPE (GPT-2, Llama-3, Qwen): the text is split into words by the pre-tokenizer's regexes, each word's
 * UTF-8 bytes are written in {@link ByteLevelAlphabet}, and merges apply in rank order within the word.
 */
final class ByteLevelEncoder implements FragmentEncoder {
    private final Vocabulary vocab;
    private final PreTokenizer preTokenizer;
    private final BpeMerger.PairRank ranks;
    private final boolean ignoreMerges;

    ByteLevelEncoder(Vocabulary vocab, PreTokenizer preTokenizer, BpeMerger.PairRank ranks, boolean ignoreMerges) {
        this.vocab = vocab;
        this.preTokenizer = preTokenizer;
        this.ranks = ranks;
        this.ignoreMerges = ignoreMerges;
    }

    @Override
    public void encode(String text, boolean atStart, boolean afterSpecial, List<Integer> out) {
        for (String word : preTokenizer.split(text)) {
            String mapped = ByteLevelAlphabet.encode(word);
            int whole = ignoreMerges ? vocab.id(mapped) : -1;
            if (whole >= 0) {
                out.add(whole);
                continue;
            }
            List<String> symbols = new ArrayList<>(mapped.length());
            for (int i = 0; i < mapped.length(); i++) {
                symbols.add(String.valueOf(mapped.charAt(i)));
            }
            for (String piece : BpeMerger.merge(symbols, ranks)) {
                int id = vocab.id(piece);
                if (id >= 0) {
                    out.add(id);
                } else {
                    for (int i = 0; i < piece.length(); i++) { // a vocabulary without all 256 byte characters
                        int single = vocab.id(String.valueOf(piece.charAt(i)));
                        if (single >= 0) {
                            out.add(single);
                        }
                    }
                }
            }
        }
    }

    @Override
    public byte[] normalPiece(int id) {
        return ByteLevelAlphabet.decode(vocab.text(id));
    }

    @Override
    public boolean stripsLeadingSpace() {
        return false;
    }
}
