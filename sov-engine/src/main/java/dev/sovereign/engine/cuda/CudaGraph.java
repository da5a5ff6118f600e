package dev.sovereign.engine.cuda;

import java.lang.foreign.MemorySegment;

/**
 * Work recorded once by stream capture and replayed with one launch: a decode step of ~300 kernels costs one
 * cuGraphLaunch instead of ~300 cuLaunchKernel calls. Kernel arguments are frozen at capture, so per-step inputs go
 * into fixed device buffers that the captured kernels read.
 */
public final class CudaGraph implements AutoCloseable {

    private final CudaDevice device;
    private final DriverApi api;
    private MemorySegment graph;
    private final MemorySegment exec;
    private boolean closed;

    private CudaGraph(CudaDevice device, MemorySegment graph, MemorySegment exec) {
        this.device = device;
        this.api = device.api();
        this.graph = graph;
        this.exec = exec;
    }

    /** Runs {@code launches} (which queue work on {@code s}) under capture and instantiates what they queued. */
    public static CudaGraph capture(CudaStream s, Runnable launches) {
        DriverApi api = s.api();
        MemorySegment graph = record(s, launches);
        try {
            return new CudaGraph(s.device(), graph, api.instantiate(graph));
        } catch (RuntimeException e) {
            api.destroyGraph(graph);
            throw e;
        }
    }

    private static MemorySegment record(CudaStream s, Runnable launches) {
        DriverApi api = s.api();
        api.beginCapture(s.handle());
        try {
            launches.run();
        } catch (RuntimeException | Error e) {
            // end the capture so the stream is usable again; the partial graph is dropped
            try {
                MemorySegment partial = api.endCapture(s.handle());
                if (!partial.equals(MemorySegment.NULL)) {
                    api.destroyGraph(partial);
                }
            } catch (CudaException invalidated) {
                e.addSuppressed(invalidated);
            }
            throw e;
        }
        return api.endCapture(s.handle());
    }

    /**
     * Re-captures {@code launches} and updates this graph's parameters in place (cuGraphExecUpdate), cheaper than a
     * new instantiation when only arguments changed. Returns false, leaving this graph as it was, when the new
     * recording's shape differs; the caller then captures a new graph.
     */
    public boolean update(CudaStream s, Runnable launches) {
        ensureOpen();
        MemorySegment recorded = record(s, launches);
        if (api.updateGraph(exec, recorded)) {
            api.destroyGraph(graph);
            graph = recorded;
            return true;
        }
        api.destroyGraph(recorded);
        return false;
    }

    public void launch(CudaStream s) {
        ensureOpen();
        api.launchGraph(exec, s.handle());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("CUDA graph is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!device.released()) {
                api.destroyGraphExec(exec);
                api.destroyGraph(graph);
            }
        }
    }
}
