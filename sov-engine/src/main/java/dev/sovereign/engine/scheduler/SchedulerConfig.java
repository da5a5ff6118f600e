package dev.sovereign.engine.scheduler;

/**
 * @param maxNumSeqs         most sequences in one step (vLLM's --max-num-seqs)
 * @param maxBatchedTokens   token budget of one step; a longer prompt is prefilled in chunks so decodes keep flowing
 * @param maxWaiting         queue limit: beyond it new requests are refused instead of waiting without bound
 */
public record SchedulerConfig(int maxNumSeqs, int maxBatchedTokens, int maxWaiting) {

    public SchedulerConfig {
        if (maxNumSeqs < 1 || maxBatchedTokens < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("max-num-seqs and the step token budget must be at least 1, the queue limit at least 0");
        }
    }
}
