package dev.sovereign.platform.replica;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.model.WeightQuantization;
import dev.sovereign.engine.runner.DeviceChoice;
import dev.sovereign.engine.runner.EngineDevice;
import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.KvBlockPool;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.server.EngineLauncher;
import dev.sovereign.platform.memory.KvCacheBudget;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicas of Sovereign's engine in this process. The weights are loaded (memory-mapped) once
 * when the source is made and shared by every replica.
 *
 * @param maxNumSeqs   {@code spec.model.maxNumSeqs}
 * @param maxModelLen  {@code spec.model.contextWindow}, capped at the model's own context
 * @param threads      worker threads of each replica's kernels
 */
public final class EmbeddedSource implements ReplicaSource {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSource.class);

    private final LoadedModel model;
    private final String name;
    private final int maxNumSeqs;
    private final int maxModelLen;
    private final boolean prefixCaching;
    private final String toolCallParser;
    private final String reasoningParser;
    private final int threads;
    private final KvCacheBudget kvBudget;
    private final OptionalLong kvCacheMemory;
    private final EngineDevice device;
    private DeviceChoice choice;

    /**
     * @param reasoningParser null: thinking stays in the answer
     * @param kvCacheMemory   {@code spec.cache.kvCacheMemory} in bytes, if set; else the pool is sized from {@code kvBudget}
     * @param quantization    {@code spec.model.quantization}: fp8 loads float matrices as Q8_0
     * @param device          {@code spec.engine.device}
     */
    public EmbeddedSource(Path weights, String name, int maxNumSeqs, int contextWindow, boolean prefixCaching,
                          String toolCallParser, String reasoningParser, int threads, KvCacheBudget kvBudget,
                          OptionalLong kvCacheMemory, WeightQuantization quantization, EngineDevice device) {
        this.model = ModelLoader.load(weights, quantization);
        this.name = name;
        this.maxNumSeqs = maxNumSeqs;
        this.maxModelLen = Math.min(contextWindow, model.config().contextLength());
        this.prefixCaching = prefixCaching;
        this.toolCallParser = toolCallParser;
        this.reasoningParser = reasoningParser;
        this.threads = threads;
        this.kvBudget = kvBudget;
        this.kvCacheMemory = kvCacheMemory;
        this.device = device;
    }

    @Override
    public Replica start(int index) {
        DeviceChoice where = choice();
        if (where.device() == EngineDevice.CUDA) {
            if (device != EngineDevice.AUTO) {
                return startOnGpu(index);
            }
            try {
                return startOnGpu(index);
            } catch (RuntimeException e) {
                // auto promises a model that serves: a GPU that cannot take it (an architecture the GPU decoder does
                // not run yet, too little device memory) leaves this model's replicas on the CPU
                LOG.warn("model {}: spec.engine.device auto found {} but cannot serve this model there ({}); serving "
                        + "on the CPU", name, where.reason(), e.getMessage());
                fallBackToCpu(e.getMessage());
            }
        }
        // Room for every sequence at full length when the heap share allows it, else what is left: as vLLM, the
        // scheduler then runs fewer long sequences at once (short ones still fill maxNumSeqs).
        long perSequence = (long) BlockManager.blocksFor(maxModelLen) * BlockManager.BLOCK_SIZE * KvBlockPool.bytesPerToken(model.config());
        KvCacheBudget.Grant kv = kvBudget.reserve(new KvCacheBudget.Request(name, maxModelLen, perSequence, maxNumSeqs, kvCacheMemory));
        LOG.info("model {}: replica {} KV cache {} MiB, maximum concurrency for {} tokens per request: {} of maxNumSeqs {}",
                name, index, kv.bytes() >> 20, maxModelLen, kv.maxConcurrency(), maxNumSeqs);
        try {
            return new EmbeddedReplica(model, new EngineLauncher.Options(null, ProcessSource.HOST, 0, name, maxNumSeqs, maxModelLen,
                    kv.bytes(), prefixCaching, toolCallParser, EngineLauncher.DEFAULT_MAX_WAITING, threads, 0, reasoningParser,
                    EngineDevice.CPU, EngineSettings.DEFAULT_GPU_MEMORY_UTILIZATION), kv);
        } catch (RuntimeException | Error e) {
            kv.release();
            throw e;
        }
    }

    /**
     * A replica on the GPU: its KV pool lives in device memory, so it takes nothing from the heap's KV budget; it is
     * {@code spec.cache.kvCacheMemory} when set, else what the default share of the device's memory leaves after the
     * weights (a second replica on the same GPU gets what the first left).
     */
    private Replica startOnGpu(int index) {
        EmbeddedReplica replica = new EmbeddedReplica(model, new EngineLauncher.Options(null, ProcessSource.HOST, 0, name,
                maxNumSeqs, maxModelLen, kvCacheMemory.orElse(0), prefixCaching, toolCallParser,
                EngineLauncher.DEFAULT_MAX_WAITING, threads, 0, reasoningParser, EngineDevice.CUDA,
                EngineSettings.DEFAULT_GPU_MEMORY_UTILIZATION), null);
        LOG.info("model {}: replica {} on {}, KV cache {} MiB, maximum concurrency for {} tokens per request: {} of "
                + "maxNumSeqs {}", name, index, replica.device(), replica.capacity().kvCacheBytes() >> 20, maxModelLen,
                replica.capacity().maxConcurrency(), maxNumSeqs);
        return replica;
    }

    private synchronized void fallBackToCpu(String why) {
        choice = new DeviceChoice(EngineDevice.CPU, "the GPU could not take the model: " + why);
    }

    /** {@code auto} is probed once per source, and its fallback to the CPU logged with why. */
    private synchronized DeviceChoice choice() {
        if (choice == null) {
            choice = DeviceChoice.resolve(device);
            if (device == EngineDevice.AUTO) {
                LOG.info("model {}: spec.engine.device auto chose {}: {}", name, choice.device().value(), choice.reason());
            }
        }
        return choice;
    }

    @Override
    public String kind() {
        return "embedded";
    }

    /** The weights every replica shares, as loaded (quantized or not). */
    public LoadedModel model() {
        return model;
    }

    public int maxModelLen() {
        return maxModelLen;
    }
}
