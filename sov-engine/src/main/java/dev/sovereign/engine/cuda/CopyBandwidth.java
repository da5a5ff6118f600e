package dev.sovereign.engine.cuda;

/**
 * The device-memory bandwidth the benchmarks use as the roofline: a large device-to-device copy, counted as bytes
 * read plus bytes written per second (as NVIDIA's bandwidthTest counts it), since a decode step streams its weights
 * the same way, once each, with no reuse.
 */
public final class CopyBandwidth {

    private static final long MAX_BYTES = 1L << 30;
    private static final int WARM_UP = 2;
    private static final int REPEATS = 20;

    private CopyBandwidth() {}

    /** GB/s (10^9 bytes) of a copy of up to 1 GiB between two buffers, averaged over 20 copies after 2 warm-ups. */
    public static double deviceToDeviceGBs(CudaDevice device) {
        long bytes = Math.min(MAX_BYTES, device.freeMemory() / 4) & ~0xfffL;
        if (bytes <= 0) {
            throw new IllegalStateException("not enough free device memory to measure copy bandwidth");
        }
        try (DeviceBuffer a = device.allocate(bytes); DeviceBuffer b = device.allocate(bytes);
                CudaStream s = device.newStream()) {
            for (int i = 0; i < WARM_UP; i++) {
                a.copyTo(s, 0, b, 0, bytes);
            }
            s.synchronize();
            long start = System.nanoTime();
            for (int i = 0; i < REPEATS; i++) {
                a.copyTo(s, 0, b, 0, bytes);
            }
            s.synchronize();
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * bytes * REPEATS / seconds / 1e9;
        }
    }
}
