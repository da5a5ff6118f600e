package dev.sovereign.engine.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small BPE trainer: words counted, the most frequent adjacent pair (ties: the lexicographically smallest) becomes
 * the next merge. Deterministic, so the vocabularies are the same on every machine. Byte-level words come from the
 * Qwen2 pre-tokenizer; SentencePiece-style words are the text's '▁'-prefixed pieces between spaces.
 */
final class BpeTrainer {
    private BpeTrainer() {
    }

    /** Byte-level merge rules "left right" in learning order. */
    static List<String> train(String corpus, int maxMerges) {
        Map<String, Integer> wordCounts = new LinkedHashMap<>();
        for (String word : PreTokenizer.of(List.of(PreTokenizer.QWEN2)).split(corpus)) {
            wordCounts.merge(ByteLevelAlphabet.encode(word), 1, Integer::sum);
        }
        return merges(wordCounts, maxMerges);
    }

    /** Merge rules over characters, for words already in their final alphabet, in learning order. */
    static List<String> merges(Map<String, Integer> wordCounts, int maxMerges) {
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        wordCounts.forEach((word, count) -> {
            words.add(new ArrayList<>(word.codePoints().mapToObj(Character::toString).toList()));
            counts.add(count);
        });
        List<String> merges = new ArrayList<>();
        while (merges.size() < maxMerges) {
            Map<String, Integer> pairCounts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> symbols = words.get(w);
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    pairCounts.merge(symbols.get(i) + ' ' + symbols.get(i + 1), counts.get(w), Integer::sum);
                }
            }
            String best = null;
            int bestCount = 1; // a pair seen once teaches nothing
            for (Map.Entry<String, Integer> e : pairCounts.entrySet()) {
                if (e.getValue() > bestCount || (e.getValue() == bestCount && best != null
                        && e.getKey().compareTo(best) < 0)) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (best == null) {
                break;
            }
            merges.add(best);
            int space = best.indexOf(' ');
            String left = best.substring(0, space);
            String right = best.substring(space + 1);
            for (List<String> symbols : words) {
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    if (symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                        symbols.set(i, left + right);
                        symbols.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }
}
