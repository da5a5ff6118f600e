package dev.sovereign.gateway.balance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An approximate prefix-cache index for one replica: the chained hashes of the prompt blocks
 * recently routed to it, least recently used evicted first (the GIE "approximate prefix" scorer).
 * A block is {@value #BLOCK_CHARS} characters, about 16 tokens at 4 characters per token, so no
 * tokenizer runs in the gateway.
 */
public final class PrefixIndex {

    public static final int BLOCK_CHARS = 64;
    public static final int MAX_BLOCKS_PER_REQUEST = 256;
    public static final int DEFAULT_CAPACITY = 31_250;

    private final Map<Long, Boolean> blocks;

    public PrefixIndex(int capacity) {
        this.blocks = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The chained block hashes of a prompt: hash i covers the whole prefix up to block i. */
    public static long[] blockHashes(String prompt) {
        int count = Math.min(prompt.length() / BLOCK_CHARS, MAX_BLOCKS_PER_REQUEST);
        long[] hashes = new long[count];
        long h = 0xcbf29ce484222325L;
        for (int b = 0; b < count; b++) {
            for (int i = b * BLOCK_CHARS, end = i + BLOCK_CHARS; i < end; i++) {
                h ^= prompt.charAt(i);
                h *= 0x100000001b3L;
            }
            hashes[b] = h;
        }
        return hashes;
    }

    /** How many leading blocks this replica has seen. */
    public synchronized int matchedBlocks(long[] hashes) {
        int matched = 0;
        while (matched < hashes.length && blocks.get(hashes[matched]) != null) {
            matched++;
        }
        return matched;
    }

    public synchronized void record(long[] hashes) {
        for (long h : hashes) {
            blocks.put(h, Boolean.TRUE);
        }
    }
}
