package dev.sovereign.engine.runner;

/**
 * A runner placed on its device with its KV pool allocated: what {@link ServingEngine} builds the block manager,
 * metrics and loop around.
 *
 * @param numBlocks       KV blocks the pool holds (the block manager's ids index them)
 * @param kvBytesPerToken keys and values of every layer for one token
 * @param weightBytes     weight bytes the runner reads for one token (host bytes on the CPU, device bytes on a GPU)
 * @param release         frees what the placement holds (kernel threads, device memory), after the loop has stopped
 */
record PlacedRunner(ModelRunner runner, int numBlocks, long kvBytesPerToken, long weightBytes, String cacheDtype,
                    DeviceInfo device, Runnable release) {

    long kvBytes() {
        return (long) numBlocks * dev.sovereign.engine.scheduler.BlockManager.BLOCK_SIZE * kvBytesPerToken;
    }

    /** The startup line: device, weights and KV pool. */
    String describe() {
        return "device " + device.label() + ": weights " + size(weightBytes) + ", KV cache " + size(kvBytes()) + " ("
                + numBlocks + " blocks, " + (long) numBlocks * dev.sovereign.engine.scheduler.BlockManager.BLOCK_SIZE
                + " tokens, " + cacheDtype + ")";
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
