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
        try (Arena arena = Arena.ofConfined(); Parallel parallel = new Parallel(threads)) {
            MemorySegment buffer = arena.allocate(bytes, 64);
            buffer.fill((byte) 1);
            long chunk = 1 << 20;
            int chunks = (int) (bytes / chunk);
            double best = 0;
            DoubleAdder sink = new DoubleAdder();
            for (int pass = 0; pass < passes; pass++) {
                long start = System.nanoTime();
                parallel.forRange(chunks, 1, (from, to) -> {
                    FloatVector acc = FloatVector.zero(F);
                    for (long at = from * chunk; at < to * chunk; at += F.vectorByteSize()) {
                        acc = acc.add(FloatVector.fromMemorySegment(F, buffer, at, ByteOrder.LITTLE_ENDIAN));
                    }
                    sink.add(acc.reduceLanes(VectorOperators.ADD));
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
