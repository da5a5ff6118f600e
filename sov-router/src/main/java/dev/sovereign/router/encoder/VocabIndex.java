package dev.sovereign.router.encoder;

import java.util.Map;

/**
 * The WordPiece vocabulary as a flat open-addressing table, looked up by a range of a char buffer
 * (optionally behind the continuation prefix "##"), so tokenising a word allocates nothing and a
 * probe reads two arrays instead of chasing a String and its bytes: a {@code HashMap<String,
 * Integer>} needs a new String for every piece tried, and its cache misses were a quarter of a
 * long conversation's routing time.
 */
final class VocabIndex {

    private static final String CONTINUATION = "##";

    /** Per slot: the key's hash in the high half, its offset in {@link #pool} in the low half; 0 when empty. */
    private final long[] slots;
    private final int[] ids;
    /** Every key as its length followed by its chars; offset 0 is unused so that 0 means "empty". */
    private final char[] pool;
    private final int mask;

    VocabIndex(Map<String, Integer> vocab) {
        int capacity = Integer.highestOneBit(Math.max(4, vocab.size()) * 2 - 1) * 2;
        slots = new long[capacity];
        ids = new int[capacity];
        mask = capacity - 1;
        int poolSize = 1;
        for (String key : vocab.keySet()) {
            poolSize += 1 + key.length();
        }
        pool = new char[poolSize];
        int at = 1;
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            String key = e.getKey();
            if (key.length() > Character.MAX_VALUE) {
                throw new IllegalArgumentException("vocabulary entry longer than 65,535 chars");
            }
            int hash = key.hashCode();
            int slot = slot(hash);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = (long) hash << 32 | at;
            ids[slot] = e.getValue();
            pool[at] = (char) key.length();
            key.getChars(0, key.length(), pool, at + 1);
            at += 1 + key.length();
        }
    }

    /** The id of {@code chars[from, to)}, prefixed by "##" when {@code continuation}; -1 when the vocabulary lacks it. */
    int find(char[] chars, int from, int to, boolean continuation) {
        int h = continuation ? CONTINUATION.hashCode() : 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + chars[i];
        }
        int prefix = continuation ? CONTINUATION.length() : 0;
        int length = to - from + prefix;
        for (int slot = slot(h); ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if ((int) (entry >>> 32) == h && matches((int) entry, length, prefix, chars, from, to)) {
                return ids[slot];
            }
        }
    }

    private boolean matches(int offset, int length, int prefix, char[] chars, int from, int to) {
        if (pool[offset] != length) {
            return false;
        }
        int at = offset + 1;
        for (int i = 0; i < prefix; i++) {
            if (pool[at + i] != '#') {
                return false;
            }
        }
        at += prefix;
        for (int i = from; i < to; i++) {
            if (pool[at + i - from] != chars[i]) {
                return false;
            }
        }
        return true;
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) * 0x9E3779B1 >>> 8 & mask;
    }
}
