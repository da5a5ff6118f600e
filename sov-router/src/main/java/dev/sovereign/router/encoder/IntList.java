package dev.sovereign.router.encoder;

import java.util.Arrays;

/** A growable list of primitive ints: token ids without boxing. */
public final class IntList {
    private int[] values;
    private int size;

    public IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    public void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int get(int i) {
        return values[i];
    }

    public int size() {
        return size;
    }

    void truncate(int newSize) {
        size = Math.min(size, newSize);
    }

    /** The first {@code n} values (all of them when there are fewer), as a new list. */
    public IntList head(int n) {
        return slice(0, Math.min(n, size));
    }

    /** Values [from, to) as a new list. */
    public IntList slice(int from, int to) {
        IntList out = new IntList(to - from);
        out.size = to - from;
        System.arraycopy(values, from, out.values, 0, out.size);
        return out;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
