package dev.sovereign.router.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups texts that are near-duplicates, so a split by group keeps every copy of a jailbreak
 * template on one side. Two texts are joined when they share a run of {@link #SHARED_CHARS}
 * characters (after lower-casing and collapsing whitespace), found by winnowing: any shared run
 * that long contains the same selected fingerprint; or when their word 5-gram sets have a MinHash
 * Jaccard estimate of at least {@link #JACCARD} (templates re-worded in places). Deterministic.
 */
public final class NearDuplicates {

    /** The issue measured held-out jailbreaks sharing 150 characters with a training row. */
    public static final int SHARED_CHARS = 150;
    static final int ANCHOR = 100;
    static final int WINNOW = SHARED_CHARS - ANCHOR + 1;
    static final int SHINGLE_WORDS = 5;
    static final int HASHES = 64;
    static final int ROWS_PER_BAND = 4;
    static final double JACCARD = 0.5;

    private NearDuplicates() {
    }

    /** Lower case, whitespace runs collapsed to one space, trimmed. */
    public static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    /** For each text, the index of its group's first member. */
    public static int[] groups(List<String> texts) {
        UnionFind sets = new UnionFind(texts.size());
        List<String> norm = texts.stream().map(NearDuplicates::normalize).toList();
        Map<Long, Integer> ownerOfAnchor = new HashMap<>();
        for (int i = 0; i < norm.size(); i++) {
            for (long anchor : anchors(norm.get(i))) {
                Integer owner = ownerOfAnchor.putIfAbsent(anchor, i);
                if (owner != null) {
                    sets.union(owner, i);
                }
            }
        }
        long[][] signatures = new long[norm.size()][];
        for (int i = 0; i < norm.size(); i++) {
            signatures[i] = minHash(norm.get(i));
        }
        for (int band = 0; band < HASHES / ROWS_PER_BAND; band++) {
            Map<Long, Integer> firstInBucket = new HashMap<>();
            for (int i = 0; i < norm.size(); i++) {
                long key = band;
                for (int r = 0; r < ROWS_PER_BAND; r++) {
                    key = mix(key * 31 + signatures[i][band * ROWS_PER_BAND + r]);
                }
                Integer first = firstInBucket.putIfAbsent(key, i);
                if (first != null && jaccard(signatures[first], signatures[i]) >= JACCARD) {
                    sets.union(first, i);
                }
            }
        }
        int[] out = new int[texts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sets.find(i);
        }
        return out;
    }

    /** Rolling hashes of every {@link #ANCHOR}-character run, winnowed: the minimum of each {@link #WINNOW} in a row. */
    static List<Long> anchors(String s) {
        List<Long> out = new ArrayList<>();
        if (s.length() < ANCHOR) {
            return out;
        }
        long base = 1_000_003L;
        long power = 1;
        for (int i = 0; i < ANCHOR - 1; i++) {
            power *= base;
        }
        long h = 0;
        for (int i = 0; i < ANCHOR; i++) {
            h = h * base + s.charAt(i);
        }
        int n = s.length() - ANCHOR + 1;
        long[] hashes = new long[n];
        hashes[0] = mix(h);
        for (int i = 1; i < n; i++) {
            h = (h - s.charAt(i - 1) * power) * base + s.charAt(i + ANCHOR - 1);
            hashes[i] = mix(h);
        }
        ArrayDeque<Integer> window = new ArrayDeque<>();
        long last = Long.MIN_VALUE;
        int lastAt = -1;
        for (int i = 0; i < n; i++) {
            while (!window.isEmpty() && hashes[window.peekLast()] >= hashes[i]) {
                window.pollLast();
            }
            window.addLast(i);
            if (window.peekFirst() <= i - WINNOW) {
                window.pollFirst();
            }
            if (i >= WINNOW - 1 || i == n - 1) {
                int at = window.peekFirst();
                if (at != lastAt || hashes[at] != last) {
                    out.add(hashes[at]);
                    last = hashes[at];
                    lastAt = at;
                }
            }
        }
        return out;
    }

    static long[] minHash(String s) {
        String[] words = s.split(" ");
        long[] sig = new long[HASHES];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        int shingles = Math.max(1, words.length - SHINGLE_WORDS + 1);
        for (int i = 0; i < shingles; i++) {
            long h = 17;
            for (int w = i; w < Math.min(words.length, i + SHINGLE_WORDS); w++) {
                h = mix(h * 31 + words[w].hashCode());
            }
            for (int k = 0; k < HASHES; k++) {
                sig[k] = Math.min(sig[k], mix(h ^ (0x9E3779B97F4A7C15L * (k + 1))));
            }
        }
        return sig;
    }

    static double jaccard(long[] a, long[] b) {
        int same = 0;
        for (int k = 0; k < a.length; k++) {
            same += a[k] == b[k] ? 1 : 0;
        }
        return (double) same / a.length;
    }

    /** SplitMix64's finaliser: a good 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final class UnionFind {
        private final int[] parent;

        UnionFind(int n) {
            parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        /** The smaller index becomes the root, so a group's id is its first member. */
        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
    }
}
