package dev.sovereign.platform.replica;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.server.EngineLauncher;
import dev.sovereign.platform.memory.KvCacheBudget;
import java.net.URI;
import java.time.Duration;

/**
 * Sovereign's own engine in this process, on its own loopback port. Replicas of a model share one
 * {@link LoadedModel} (its weights are memory-mapped once); each has its own scheduler and KV cache.
 */
public final class EmbeddedReplica implements Replica {

    private final EngineLauncher.Running running;
    private final URI base;
    private final KvCacheBudget.Grant kv;

    /**
     * @param kv the reservation of heap its KV pool was sized from, given back when it stops; null when the pool is not
     *           on the heap (a GPU's, sized by the engine from device memory)
     */
    public EmbeddedReplica(LoadedModel model, EngineLauncher.Options options, KvCacheBudget.Grant kv) {
        this.kv = kv;
        this.running = EngineLauncher.start(model, options);
        this.base = URI.create("http://" + options.host() + ":" + running.server().port());
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public boolean ready() {
        return true; // the server starts after the model is loaded, so a constructed replica serves
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public void stop(Duration grace) {
        InProcessDrain.await(this::busy, grace);
        running.close(); // drains what is left (the engine's own bound), then stops
        if (kv != null) {
            kv.release();
        }
    }

    @Override
    public Capacity capacity() {
        if (kv != null) {
            return new Capacity(kv.bytes(), kv.maxConcurrency());
        }
        ServingEngine engine = running.engine();
        int fullLength = engine.kvCacheBlocks() / BlockManager.blocksFor(engine.maxModelLen());
        return new Capacity(engine.kvCacheBytes(), Math.min(engine.settings().maxNumSeqs(), fullLength));
    }

    @Override
    public String device() {
        return running.engine().device().label();
    }

    private boolean busy() {
        return running.engine().scheduler().runningCount() + running.engine().scheduler().waitingCount() > 0;
    }
}
