package dev.sovereign.engine.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The {@code void** kernelParams} of cuLaunchKernel: one 8-byte slot per argument and an array of pointers to the
 * slots. Kept in GC-managed native memory and reusable: {@link #set} changes one argument in place, so a launch per
 * step allocates nothing. cuLaunchKernel copies the values at the call, so changing them afterwards is safe.
 */
public final class KernelArgs {

    private static final long SLOT = 8;

    private final MemorySegment slots;
    private final MemorySegment pointers;
    private final int count;

    private KernelArgs(int count) {
        // one allocation per argument list (an eager prefill step launches hundreds): pointers first, then slots
        long half = SLOT * Math.max(count, 1);
        MemorySegment block = Arena.ofAuto().allocate(2 * half, SLOT);
        this.count = count;
        this.pointers = block.asSlice(0, half);
        this.slots = block.asSlice(half, half);
        for (int i = 0; i < count; i++) {
            pointers.setAtIndex(ADDRESS, i, slots.asSlice(i * SLOT, SLOT));
        }
    }

    /** Long or DeviceBuffer: an 8-byte pointer or 64-bit integer; Integer: int32; Float: float32. */
    public static KernelArgs of(Object... values) {
        KernelArgs args = new KernelArgs(values.length);
        for (int i = 0; i < values.length; i++) {
            args.set(i, values[i]);
        }
        return args;
    }

    /** Replaces argument {@code index}; its kind may change too. */
    public KernelArgs set(int index, Object value) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("kernel argument " + index + " of " + count);
        }
        long at = index * SLOT;
        slots.set(JAVA_LONG, at, 0L);
        switch (value) {
            case Long l -> slots.set(JAVA_LONG, at, l);
            case DeviceBuffer b -> slots.set(JAVA_LONG, at, b.address());
            case Integer n -> slots.set(JAVA_INT, at, n);
            case Float f -> slots.set(JAVA_FLOAT, at, f);
            case null -> throw new IllegalArgumentException("kernel argument " + index + " is null");
            default -> throw new IllegalArgumentException("kernel argument " + index + " is a "
                    + value.getClass().getSimpleName() + "; use Long, DeviceBuffer, Integer or Float");
        }
        return this;
    }

    public int count() {
        return count;
    }

    /** The 8 raw bytes of argument {@code index} (a little-endian int or float in the low 4 bytes). */
    long slot(int index) {
        return slots.get(JAVA_LONG, index * SLOT);
    }

    MemorySegment pointers() {
        return count == 0 ? MemorySegment.NULL : pointers;
    }

    /** The address the pointer array holds for {@code index}, to check it points at that slot. */
    long pointerTarget(int index) {
        return pointers.getAtIndex(ADDRESS, index).address() - slots.address();
    }
}
