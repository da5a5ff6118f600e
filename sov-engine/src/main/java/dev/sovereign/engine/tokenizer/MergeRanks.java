package dev.sovereign.engine.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Byte-level BPE merge ranks: the position of "left right" in the merges list. */
final class MergeRanks {
    private MergeRanks() {
    }

    static BpeMerger.PairRank fromLines(List<String> lines) {
        Map<String, Integer> ranks = new HashMap<>(lines.size() * 2);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int space = line.indexOf(' ', 1);
            if (space < 0) {
                throw new TokenizerException("merge rule " + i + " '" + line + "' is not 'left right'");
            }
            ranks.putIfAbsent(line.substring(0, space) + ' ' + line.substring(space + 1), i);
        }
        return (left, right) -> {
            Integer rank = ranks.get(left + ' ' + right);
            return rank == null ? Double.NaN : rank;
        };
    }
}
