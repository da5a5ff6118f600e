package dev.sovereign.gateway.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reservations this replica holds in the shared budget counters, by id, until the ledger writes the request's
 * usage and releases them in the same transaction. A replica that dies leaves its reservations in the counters:
 * they stay charged in full until their period ends (ADR 0102, 0124).
 */
final class OpenReservations {

    /** One budget counter: a scope ({@code tenant:NAME}, {@code key:ID}) in one period. */
    record Counter(String scope, long periodStart) implements Comparable<Counter> {
        @Override
        public int compareTo(Counter other) {
            int byScope = scope.compareTo(other.scope);
            return byScope != 0 ? byScope : Long.compare(periodStart, other.periodStart);
        }
    }

    /** What a request reserved in each of its counters. */
    record Open(List<Counter> counters, long tokens, double costUsd) {
    }

    private final Map<String, Open> open = new ConcurrentHashMap<>();

    void add(String id, Open reservation) {
        open.put(id, reservation);
    }

    /** The reservation, forgotten here; null when unknown (none made, or already released). */
    Open take(String id) {
        return id == null ? null : open.remove(id);
    }
}
