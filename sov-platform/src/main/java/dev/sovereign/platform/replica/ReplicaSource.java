package dev.sovereign.platform.replica;

/** Starts replicas of one model; each call gives a new, independent one. */
public interface ReplicaSource {

    Replica start(int index);

    /** The kind of engine, as {@code spec.engine.kind} names it. */
    String kind();

    /** False for servers run elsewhere: their count is not ours to change. */
    default boolean scalable() {
        return true;
    }

    /** Releases what the replicas shared (the loaded weights), after the last replica stopped. */
    default void release() {
    }
}
