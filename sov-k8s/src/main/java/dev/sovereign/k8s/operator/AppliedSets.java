package dev.sovereign.k8s.operator;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers, per InferenceService, the digest of the object set last applied in full and
 * when. A reconcile whose rendered set has the same digest, within the resync period, has
 * nothing to write: that is what keeps a quiet model at zero API writes between resyncs.
 * Anything that may have changed the cluster behind the operator's back (an owned
 * Deployment edited or deleted by someone else) forgets the entry, so the next reconcile
 * applies again; a forget that arrives while a pass is applying wins over that pass's record
 * (the pass may have run before the edit), hence the marks.
 */
final class AppliedSets {

    private record Entry(String digest, Instant at) {
    }

    private final Map<ResourceID, Entry> entries = new HashMap<>();
    private final Map<ResourceID, Long> forgets = new HashMap<>();

    synchronized boolean current(ResourceID id, String digest, Instant now, Duration resync) {
        Entry entry = entries.get(id);
        return entry != null && entry.digest().equals(digest) && entry.at().plus(resync).isAfter(now);
    }

    /** Taken before a pass applies: {@link #record} keeps the pass only if nothing was forgotten since. */
    synchronized long mark(ResourceID id) {
        return forgets.getOrDefault(id, 0L);
    }

    synchronized void record(ResourceID id, long mark, String digest, Instant now) {
        if (forgets.getOrDefault(id, 0L) == mark) {
            entries.put(id, new Entry(digest, now));
        }
    }

    synchronized void forget(ResourceID id) {
        entries.remove(id);
        forgets.merge(id, 1L, Long::sum);
    }
}
