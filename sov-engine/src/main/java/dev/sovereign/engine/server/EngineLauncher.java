package dev.sovereign.engine.server;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.model.WeightQuantization;
import dev.sovereign.engine.reasoning.ReasoningParser;
import dev.sovereign.engine.runner.EngineDevice;
import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.toolcall.ToolCallParsers;
import java.nio.file.Path;

/** Loads a model and serves it: what {@code sov engine} runs, its flags meaning what vLLM's do. */
public final class EngineLauncher {

    /** Requests that may wait for a slot before new ones get 503 (vLLM has no limit; a server needs one). */
    public static final int DEFAULT_MAX_WAITING = 1024;

    /**
     * @param servedModelName     null: the model folder or file name
     * @param kvCacheBytes        0: a quarter of the free heap
     * @param maxModelLen         0: the model's context length
     * @param maxNumBatchedTokens 0: the CPU-sized default ({@link EngineSettings#defaultMaxBatchedTokens})
     * @param toolCallParser      null: requests that need tool calls are refused
     * @param reasoningParser     null: thinking stays in the content
     * @param device              {@code --device}; the shorter constructors keep the CPU
     * @param gpuMemoryUtilization {@code --gpu-memory-utilization}, used under {@code cuda} without a fixed KV size
     */
    public record Options(Path model, String host, int port, String servedModelName, int maxNumSeqs, int maxModelLen,
                          long kvCacheBytes, boolean prefixCaching, String toolCallParser, int maxWaiting, int threads,
                          int maxNumBatchedTokens, String reasoningParser, EngineDevice device,
                          double gpuMemoryUtilization) {

        /** Options for the CPU engine. */
        public Options(Path model, String host, int port, String servedModelName, int maxNumSeqs, int maxModelLen,
                       long kvCacheBytes, boolean prefixCaching, String toolCallParser, int maxWaiting, int threads,
                       int maxNumBatchedTokens, String reasoningParser) {
            this(model, host, port, servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching,
                    toolCallParser, maxWaiting, threads, maxNumBatchedTokens, reasoningParser, EngineDevice.CPU,
                    EngineSettings.DEFAULT_GPU_MEMORY_UTILIZATION);
        }

        /** Options without a reasoning parser. */
        public Options(Path model, String host, int port, String servedModelName, int maxNumSeqs, int maxModelLen,
                       long kvCacheBytes, boolean prefixCaching, String toolCallParser, int maxWaiting, int threads,
                       int maxNumBatchedTokens) {
            this(model, host, port, servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching,
                    toolCallParser, maxWaiting, threads, maxNumBatchedTokens, null);
        }

        /** Options with the default step token budget. */
        public Options(Path model, String host, int port, String servedModelName, int maxNumSeqs, int maxModelLen,
                       long kvCacheBytes, boolean prefixCaching, String toolCallParser, int maxWaiting, int threads) {
            this(model, host, port, servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching,
                    toolCallParser, maxWaiting, threads, 0, null);
        }
    }

    /** The running server and its engine, closed together. */
    public record Running(ServingEngine engine, EngineServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            engine.close();
        }
    }

    private EngineLauncher() {
    }

    public static Running start(Options o) {
        return start(o, WeightQuantization.AS_STORED);
    }

    /** @param quantization what loading does to float matrices ({@code --quantization fp8}: Q8_0) */
    public static Running start(Options o, WeightQuantization quantization) {
        validate(o);
        return start(ModelLoader.load(o.model(), quantization), o);
    }

    /** The flags' own limits, checked before a model is loaded so a typo costs no wait. */
    private static void validate(Options o) {
        ToolCallParsers.check(o.toolCallParser());
        ReasoningParser.check(o.reasoningParser());
        EngineSettings.checkDevice(o.device(), o.gpuMemoryUtilization());
        if (o.maxNumSeqs() < 1) {
            throw new IllegalArgumentException("--max-num-seqs must be at least 1, got " + o.maxNumSeqs());
        }
        if (o.maxNumBatchedTokens() < 0) {
            throw new IllegalArgumentException("--max-num-batched-tokens must be at least 1 (or 0 for the default), got "
                    + o.maxNumBatchedTokens());
        }
        if (o.maxNumBatchedTokens() > 0 && o.maxNumBatchedTokens() < o.maxNumSeqs()) {
            // as vLLM: each step gives every running sequence its decode token
            throw new IllegalArgumentException("--max-num-batched-tokens " + o.maxNumBatchedTokens()
                    + " is smaller than --max-num-seqs " + o.maxNumSeqs() + ": a step must hold one token per sequence");
        }
    }

    /**
     * Serves an already loaded model: replicas of one model share its memory-mapped weights, each
     * with its own scheduler, KV cache and port.
     */
    public static Running start(LoadedModel model, Options o) {
        validate(o);
        String name = o.servedModelName() != null ? o.servedModelName() : String.valueOf(o.model().getFileName());
        EngineSettings settings = EngineSettings.defaults(name).withMaxNumSeqs(o.maxNumSeqs()).withMaxModelLen(o.maxModelLen())
                .withKvCacheBytes(o.kvCacheBytes()).withPrefixCaching(o.prefixCaching()).withMaxWaiting(o.maxWaiting())
                .withThreads(o.threads()).withMaxBatchedTokens(o.maxNumBatchedTokens()).withDevice(o.device())
                .withGpuMemoryUtilization(o.gpuMemoryUtilization());
        ServingEngine engine = new ServingEngine(model, settings);
        try {
            return new Running(engine, new EngineServer(engine, o.host(), o.port(), o.toolCallParser(), o.reasoningParser()));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }
}
