package dev.sovereign.engine.runner;

/** The waiting queue is at its limit; the caller should ask the client to retry later. */
public final class QueueFullException extends RuntimeException {

    public QueueFullException(int limit) {
        super("the engine queue is full (" + limit + " waiting requests); retry later", null, false, false);
    }
}
