package dev.sovereign.gateway.usage;

import java.time.Instant;
import java.util.List;

/**
 * Where served requests and open budget reservations are recorded: the embedded SQLite file for one replica
 * ({@link SqliteUsageLedger}), or PostgreSQL shared by every replica ({@code state.PostgresUsageLedger}). Recording
 * only enqueues; {@link #awaitWritten()} is the request's wait for its row before it answers (ADR 0132).
 */
public interface UsageLedger extends AutoCloseable {

    void record(UsageRecord record);

    /** A request's usage, replacing its reservation ({@code reservationId} null: none). */
    void record(UsageRecord record, String reservationId);

    /** An admitted request's budget reservation, kept until its usage replaces it. */
    void reserve(Reservation reservation);

    /** Writes everything enqueued so far before returning (the writer, admin queries, shutdown). */
    void flush();

    /**
     * Returns once what this thread recorded is committed, together with what other requests recorded meanwhile
     * (one commit for all of them); false, at once, while the database is failing (the rows wait in the queue).
     */
    boolean awaitWritten();

    /** Totals per tenant and model; null filters match everything. */
    List<UsageTotals> totals(String tenant, String model, Instant from, Instant to);

    /**
     * Tokens and cost spent since {@code from} by a tenant ({@code column = "tenant"}) or a key ({@code "key_id"}),
     * counting the reservations of requests a dead gateway was running as wholly spent.
     */
    Spent spentSince(String column, String value, Instant from);

    /** Writes what is left and releases the database. */
    @Override
    void close();

    record Spent(long tokens, double costUsd) {
    }
}
