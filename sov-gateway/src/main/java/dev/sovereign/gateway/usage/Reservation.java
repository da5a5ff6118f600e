package dev.sovereign.gateway.usage;

import java.time.Instant;

/**
 * An admitted request's budget reservation, written to the ledger while the request runs so a
 * gateway killed mid-request still counts it when it starts again (ADR 0102).
 */
public record Reservation(String id, Instant at, String tenant, String keyId, long tokens, double costUsd) {
}
