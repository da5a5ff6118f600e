package dev.sovereign.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The merge loop both BPE flavours share: repeatedly join the adjacent pair with the best (lowest) rank, the
 * leftmost pair first among equals, until no pair has a rank. Byte-level BPE ranks pairs by merge order;
 * SentencePiece ranks them by the negated score of the merged token, as llama.cpp does.
 */
final class BpeMerger {

    /** Rank of joining two adjacent symbols; lower merges first; {@link Double#NaN} when they never merge. */
    @FunctionalInterface
    interface PairRank {
        double rank(String left, String right);
    }

    private record Bigram(int left, int right, double rank, int length) {
    }

    private BpeMerger() {
    }

    static List<String> merge(List<String> symbols, PairRank ranks) {
        int n = symbols.size();
        if (n < 2) {
            return symbols;
        }
        String[] text = symbols.toArray(new String[0]);
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.rank != b.rank
                ? Double.compare(a.rank, b.rank) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) {
            offer(queue, ranks, text, i - 1, i);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            String left = text[bigram.left];
            String right = text[bigram.right];
            // a symbol only grows, so an unchanged total length means neither side was merged since queuing
            if (left == null || right == null || left.length() + right.length() != bigram.length
                    || next[bigram.left] != bigram.right) {
                continue;
            }
            text[bigram.left] = left + right;
            text[bigram.right] = null;
            next[bigram.left] = next[bigram.right];
            if (next[bigram.right] >= 0) {
                prev[next[bigram.right]] = bigram.left;
            }
            offer(queue, ranks, text, prev[bigram.left], bigram.left);
            offer(queue, ranks, text, bigram.left, next[bigram.left]);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i != -1; i = next[i]) {
            out.add(text[i]);
        }
        return out;
    }

    private static void offer(PriorityQueue<Bigram> queue, PairRank ranks, String[] text, int left, int right) {
        if (left < 0 || right < 0) {
            return;
        }
        double rank = ranks.rank(text[left], text[right]);
        if (!Double.isNaN(rank)) {
            queue.add(new Bigram(left, right, rank, text[left].length() + text[right].length()));
        }
    }
}
