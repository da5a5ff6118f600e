package dev.sovereign.engine.scheduler;

/**
 * A copy-on-write the runner must do before the step's forward pass: block {@code to} becomes a copy of block
 * {@code from} (keys and values of every layer), because the sequence about to write into it shared {@code from} with
 * the other choices of its request.
 */
public record BlockCopy(int from, int to) {
}
