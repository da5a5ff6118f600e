package dev.sovereign.engine.gpu;

import dev.sovereign.engine.metrics.ServingMetrics;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.runner.EngineLoop;
import dev.sovereign.engine.runner.KvBlockPool;
import dev.sovereign.engine.runner.SequenceListener;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.scheduler.Scheduler;
import dev.sovereign.engine.scheduler.SchedulerConfig;
import java.util.List;

/**
 * The serving engine's assembly (block manager, scheduler, engine loop) around a {@link GpuModelRunner}, for tests,
 * until ServingEngine chooses its runner by device. The loop runs on its own thread, as in serving, so the runner's
 * thread rule is exercised.
 */
final class GpuTestEngine implements AutoCloseable {

    private final EngineLoop loop;
    private final BlockManager blocks;

    GpuTestEngine(LoadedModel model, GpuModelRunner runner, int maxNumSeqs, int stepTokenBudget) {
        this.blocks = new BlockManager(runner.numBlocks(), true);
        Scheduler scheduler = new Scheduler(blocks, new SchedulerConfig(maxNumSeqs, stepTokenBudget, 64));
        ServingMetrics metrics = new ServingMetrics("gpu-test", new ServingMetrics.Gauges(scheduler::runningCount,
                scheduler::waitingCount, blocks::usage, blocks::queriedTokens, blocks::hitTokens,
                scheduler::preemptions, BlockManager.BLOCK_SIZE, runner.numBlocks(), KvBlockPool.CACHE_DTYPE,
                GpuModelRunner.bytesPerToken(model.config())));
        this.loop = new EngineLoop(scheduler, runner, model.tokenizer(), metrics, 64).start();
    }

    List<dev.sovereign.engine.scheduler.Sequence> submitChoices(int[] prompt, SamplingOptions options,
            List<SequenceListener> listeners) {
        return loop.submitChoices(prompt, options, listeners, false, null);
    }

    long prefixHitTokens() {
        return blocks.hitTokens();
    }

    @Override
    public void close() {
        loop.close();
    }
}
