package dev.sovereign.platform.replica;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.runner.KvBlockPool;
import dev.sovereign.engine.server.EngineLauncher;
import java.nio.file.Path;

/**
 * Replicas of Sovereign's engine in this process. The weights are loaded (memory-mapped) once
 * when the source is made and shared by every replica.
 *
 * @param maxNumSeqs   {@code spec.model.maxNumSeqs}
 * @param maxModelLen  {@code spec.model.contextWindow}, capped at the model's own context
 * @param threads      worker threads of each replica's kernels
 */
public final class EmbeddedSource implements ReplicaSource {

    private final LoadedModel model;
    private final String name;
    private final int maxNumSeqs;
    private final int maxModelLen;
    private final boolean prefixCaching;
    private final String toolCallParser;
    private final int threads;

    public EmbeddedSource(Path weights, String name, int maxNumSeqs, int contextWindow, boolean prefixCaching,
                          String toolCallParser, int threads) {
        this.model = ModelLoader.load(weights);
        this.name = name;
        this.maxNumSeqs = maxNumSeqs;
        this.maxModelLen = Math.min(contextWindow, model.config().contextLength());
        this.prefixCaching = prefixCaching;
        this.toolCallParser = toolCallParser;
        this.threads = threads;
    }

    @Override
    public Replica start(int index) {
        // Room for every sequence at full length: "KV-cache use" then means what it means in vLLM.
        long kvBytes = KvBlockPool.bytesPerToken(model.config()) * (long) maxModelLen * maxNumSeqs;
        return new EmbeddedReplica(model, new EngineLauncher.Options(null, ProcessSource.HOST, 0, name, maxNumSeqs, maxModelLen,
                kvBytes, prefixCaching, toolCallParser, EngineLauncher.DEFAULT_MAX_WAITING, threads));
    }

    @Override
    public String kind() {
        return "embedded";
    }

    public int maxModelLen() {
        return maxModelLen;
    }
}
