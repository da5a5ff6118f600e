package dev.sovereign.engine.cuda;

import java.lang.foreign.MemorySegment;

/** One kernel of a {@link KernelModule}; valid while its module is open. */
public final class Kernel {

    private final DriverApi api;
    private final String name;
    private final MemorySegment function;

    Kernel(DriverApi api, String name, MemorySegment function) {
        this.api = api;
        this.name = name;
        this.function = function;
    }

    /** Queues the kernel on {@code s}; a fault inside it shows at the next synchronize. */
    public void launch(CudaStream s, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
            int sharedBytes, KernelArgs args) {
        if (gridX <= 0 || gridY <= 0 || gridZ <= 0 || blockX <= 0 || blockY <= 0 || blockZ <= 0) {
            throw new IllegalArgumentException(name + ": grid and block sizes must be > 0, were grid=" + gridX + "x"
                    + gridY + "x" + gridZ + " block=" + blockX + "x" + blockY + "x" + blockZ);
        }
        if (sharedBytes < 0) {
            throw new IllegalArgumentException(name + ": sharedBytes must be >= 0, was " + sharedBytes);
        }
        api.launch(function, gridX, gridY, gridZ, blockX, blockY, blockZ, sharedBytes, s.handle(), args.pointers(),
                name);
    }

    public String name() {
        return name;
    }
}
