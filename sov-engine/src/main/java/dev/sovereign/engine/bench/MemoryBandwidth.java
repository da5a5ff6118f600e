package dev.sovereign.engine.bench;

import dev.sovereign.engine.kernel.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.DoubleAdder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Measures how fast the given threads can stream-read memory far larger than the caches (best of a few passes). */
public final class MemoryBandwidth {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private MemoryBandwidth() {
    }

    /** Bytes per second. */
    public static double measure(int threads, long bytes, int passes) {
        try (Arena arena = Arena.ofShared(); Parallel parallel = new Parallel(threads)) {
            MemorySegment buffer = arena.allocate(bytes, 64);
            buffer.fill((byte) 1);
            long chunk = 1 << 20;
            int chunks = (int) (bytes / chunk);
            double best = 0;
            DoubleAdder sink = new DoubleAdder();
            for (int pass = 0; pass < passes; pass++) {
                long start = System.nanoTime();
                parallel.forRange(chunks, 1, (from, to) -> {
                    // four independent sums, so the loop waits on memory rather than on add latency
                    FloatVector a0 = FloatVector.zero(F);
                    FloatVector a1 = a0;
                    FloatVector a2 = a0;
                    FloatVector a3 = a0;
                    int step = F.vectorByteSize();
                    for (long at = from * chunk; at < to * chunk; at += 4L * step) {
                        a0 = a0.add(FloatVector.fromMemorySegment(F, buffer, at, ByteOrder.LITTLE_ENDIAN));
                        a1 = a1.add(FloatVector.fromMemorySegment(F, buffer, at + step, ByteOrder.LITTLE_ENDIAN));
                        a2 = a2.add(FloatVector.fromMemorySegment(F, buffer, at + 2L * step, ByteOrder.LITTLE_ENDIAN));
                        a3 = a3.add(FloatVector.fromMemorySegment(F, buffer, at + 3L * step, ByteOrder.LITTLE_ENDIAN));
                    }
                    sink.add(a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD));
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.max(best, chunks * (double) chunk / seconds);
            }
            if (sink.sum() == 42) {
                System.err.print(""); // keeps the reads observable
            }
            return best;
        }
    }
}
