package dev.sovereign.gateway.balance;

import dev.sovereign.gateway.upstream.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the replica of a backend for one request: the highest weighted score of queue (2),
 * KV-cache headroom (2) and prefix-cache match (3), as the Gateway API inference extension's
 * default profile weighs them. Without fresh metrics the score keeps the prefix term and breaks
 * ties round-robin, so a cold start or a dead scraper degrades to round-robin.
 */
public final class ReplicaPicker {

    static final double QUEUE_WEIGHT = 2;
    static final double KV_WEIGHT = 2;
    static final double PREFIX_WEIGHT = 3;

    private final List<Endpoint> endpoints;
    private final Map<Endpoint, PrefixIndex> prefixes = new HashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    public ReplicaPicker(List<Endpoint> endpoints) {
        this.endpoints = endpoints;
        for (Endpoint e : endpoints) {
            prefixes.put(e, new PrefixIndex(PrefixIndex.DEFAULT_CAPACITY));
        }
    }

    /** Picks a replica for a prompt (the text the backend will prefill) and records its blocks there. */
    public Endpoint pick(String prompt) {
        return pick(() -> prompt);
    }

    /** As {@link #pick(String)}; the prompt is only built when there is a choice to make. */
    public Endpoint pick(java.util.function.Supplier<String> promptText) {
        if (endpoints.size() == 1) {
            return endpoints.getFirst();
        }
        String prompt = promptText.get();
        long[] blocks = prompt == null ? new long[0] : PrefixIndex.blockHashes(prompt);
        long now = System.nanoTime();
        boolean loadKnown = endpoints.stream().allMatch(e -> e.load().freshAt(now));
        double maxQueue = 0;
        double minQueue = Double.MAX_VALUE;
        for (Endpoint e : endpoints) {
            double q = queue(e, loadKnown);
            maxQueue = Math.max(maxQueue, q);
            minQueue = Math.min(minQueue, q);
        }
        int start = Math.floorMod(next.getAndIncrement(), endpoints.size());
        Endpoint best = null;
        double bestScore = -1;
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint e = endpoints.get((start + i) % endpoints.size());
            double prefix = blocks.length == 0 ? 0 : (double) prefixes.get(e).matchedBlocks(blocks) / blocks.length;
            double score = PREFIX_WEIGHT * prefix;
            if (loadKnown) {
                double q = queue(e, true);
                double queueScore = maxQueue == minQueue ? 1.0 : (maxQueue - q) / (maxQueue - minQueue);
                score += QUEUE_WEIGHT * queueScore + KV_WEIGHT * (1 - e.load().kvCacheUsage());
            }
            if (score > bestScore) {
                bestScore = score;
                best = e;
            }
        }
        if (blocks.length > 0) {
            prefixes.get(best).record(blocks);
        }
        return best;
    }

    /** Waiting requests by the replica's own report, plus what this gateway sent it since. */
    private static double queue(Endpoint e, boolean loadKnown) {
        return (loadKnown ? e.load().waiting() : 0) + Math.max(0, e.inFlight().get() - (loadKnown ? e.load().running() : 0));
    }
}
