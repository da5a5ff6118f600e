package dev.sovereign.engine.runner;

/**
 * How the serving engine is sized, with vLLM's meanings.
 *
 * @param maxModelLen       longest sequence (prompt plus output) accepted; 0 means the model's context length
 * @param kvCacheBytes      byte budget of the preallocated KV block pool; 0 means a quarter of the free heap
 * @param maxBatchedTokens  tokens per step (chunked prefill budget)
 * @param maxWaiting        queue limit; a full queue answers 503
 */
public record EngineSettings(String servedModelName, int maxNumSeqs, int maxModelLen, long kvCacheBytes,
                             boolean prefixCaching, int maxBatchedTokens, int maxWaiting, int threads) {

    public static EngineSettings defaults(String servedModelName) {
        return new EngineSettings(servedModelName, 256, 0, 0, true, 2048, 1024, Runtime.getRuntime().availableProcessors());
    }

    public EngineSettings withMaxNumSeqs(int n) {
        return new EngineSettings(servedModelName, n, maxModelLen, kvCacheBytes, prefixCaching, maxBatchedTokens, maxWaiting, threads);
    }

    public EngineSettings withMaxModelLen(int n) {
        return new EngineSettings(servedModelName, maxNumSeqs, n, kvCacheBytes, prefixCaching, maxBatchedTokens, maxWaiting, threads);
    }

    public EngineSettings withKvCacheBytes(long bytes) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, bytes, prefixCaching, maxBatchedTokens, maxWaiting, threads);
    }

    public EngineSettings withPrefixCaching(boolean on) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, on, maxBatchedTokens, maxWaiting, threads);
    }

    public EngineSettings withMaxBatchedTokens(int n) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching, n, maxWaiting, threads);
    }

    public EngineSettings withMaxWaiting(int n) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching, maxBatchedTokens, n, threads);
    }

    public EngineSettings withThreads(int n) {
        return new EngineSettings(servedModelName, maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching, maxBatchedTokens, maxWaiting, n);
    }
}
