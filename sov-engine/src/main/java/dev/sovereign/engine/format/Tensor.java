package dev.sovereign.engine.format;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A named weight tensor in a mapped file. {@code shape} is in row-major order, outermost first (as PyTorch writes
 * it): a matrix of {@code shape[0]} rows of {@code shape[1]} elements.
 */
public record Tensor(String name, DType type, long[] shape, MemorySegment data) {

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public int rows() {
        return shape.length == 1 ? 1 : (int) (elementCount() / shape[shape.length - 1]);
    }

    public int columns() {
        return (int) shape[shape.length - 1];
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(shape);
    }
}
