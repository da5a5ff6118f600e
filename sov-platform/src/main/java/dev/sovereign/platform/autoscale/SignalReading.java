package dev.sovereign.platform.autoscale;

/**
 * A model's signals as read this time: the load of the replicas that answered, and how many did
 * not. The load of the others is unknown, not zero, so it is a lower bound: enough to scale up on,
 * never to scale down on (KEDA with {@code ignoreNullValues: false} holds the count the same way).
 */
public record SignalReading(Signals load, int replicas, int unread) {

    /** Every replica answered (a model with no replica has nothing missing). */
    public boolean complete() {
        return unread == 0;
    }

    /** Nothing is known: there were replicas and none answered. */
    public boolean nothingRead() {
        return replicas > 0 && unread == replicas;
    }
}
