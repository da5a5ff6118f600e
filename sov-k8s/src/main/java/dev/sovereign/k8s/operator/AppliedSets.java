package dev.sovereign.k8s.operator;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per InferenceService, the digest of the object set last applied in full and
 * when. A reconcile whose rendered set has the same digest, within the resync period, has
 * nothing to write: that is what keeps a quiet model at zero API writes between resyncs.
 * Anything that may have changed the cluster behind the operator's back (an owned
 * Deployment edited or deleted) forgets the entry, so the next reconcile applies again.
 */
final class AppliedSets {

    private record Entry(String digest, Instant at) {
    }

    private final Map<ResourceID, Entry> entries = new ConcurrentHashMap<>();

    boolean current(ResourceID id, String digest, Instant now, Duration resync) {
        Entry entry = entries.get(id);
        return entry != null && entry.digest().equals(digest) && entry.at().plus(resync).isAfter(now);
    }

    void record(ResourceID id, String digest, Instant now) {
        entries.put(id, new Entry(digest, now));
    }

    void forget(ResourceID id) {
        entries.remove(id);
    }
}
