package dev.sovereign.engine.runner;

import dev.sovereign.engine.constraint.TokenGuide;
import dev.sovereign.engine.metrics.ServingMetrics;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.scheduler.Scheduler;
import dev.sovereign.engine.scheduler.SchedulerConfig;
import dev.sovereign.engine.scheduler.Sequence;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A loaded model behind the scheduler, block pool, runner and engine loop, ready to take requests. */
public final class ServingEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServingEngine.class);

    private final LoadedModel model;
    private final EngineSettings settings;
    private final int maxModelLen;
    private final PlacedRunner placed;
    private final Scheduler scheduler;
    private final ServingMetrics metrics;
    private final EngineLoop loop;

    public ServingEngine(LoadedModel model, EngineSettings settings) {
        this.model = model;
        this.settings = settings;
        ModelConfig config = model.config();
        this.maxModelLen = settings.maxModelLen() > 0 ? settings.maxModelLen() : config.contextLength();
        if (maxModelLen > config.contextLength()) {
            throw new IllegalArgumentException("--max-model-len " + maxModelLen + " is longer than the model's context of "
                    + config.contextLength());
        }
        this.placed = place(model, settings, maxModelLen);
        LOG.info("{}: {}", settings.servedModelName(), placed.describe());
        try {
            BlockManager blocks = new BlockManager(placed.numBlocks(), settings.prefixCaching());
            this.scheduler = new Scheduler(blocks, new SchedulerConfig(settings.maxNumSeqs(),
                    settings.stepTokenBudget(placed.device()), settings.maxWaiting()));
            this.metrics = new ServingMetrics(settings.servedModelName(), new ServingMetrics.Gauges(
                    scheduler::runningCount, scheduler::waitingCount, blocks::usage, blocks::queriedTokens,
                    blocks::hitTokens, scheduler::preemptions, BlockManager.BLOCK_SIZE, placed.numBlocks(),
                    placed.cacheDtype(), placed.kvBytesPerToken(), placed.device().device(), placed.device().name()));
            this.loop = new EngineLoop(scheduler, placed.runner(), model.tokenizer(), metrics, settings.maxWaiting())
                    .start();
        } catch (RuntimeException e) {
            placed.release().run(); // device memory is not the garbage collector's
            throw e;
        }
    }

    /** The runner on the device {@code --device} resolves to; {@code auto}'s fallback to the CPU is logged with why. */
    private static PlacedRunner place(LoadedModel model, EngineSettings settings, int maxModelLen) {
        if (settings.device() == EngineDevice.CPU) {
            return CpuPlacement.place(model, settings, maxModelLen); // no probe: the CPU engine never touches CUDA
        }
        DeviceChoice choice = DeviceChoice.resolve(settings.device());
        if (settings.device() == EngineDevice.AUTO) {
            LOG.info("{}: --device auto chose {}: {}", settings.servedModelName(), choice.device().value(), choice.reason());
        }
        if (choice.device() == EngineDevice.CPU) {
            return CpuPlacement.place(model, settings, maxModelLen);
        }
        if (settings.device() == EngineDevice.CUDA) {
            return onGpu(model, settings, maxModelLen);
        }
        try {
            return onGpu(model, settings, maxModelLen);
        } catch (RuntimeException e) {
            // auto promises a model that serves: a GPU that cannot take this model (an architecture the GPU decoder
            // does not run yet, too little device memory) leaves it on the CPU, with the reason in the log
            LOG.warn("{}: --device auto found {} but cannot serve this model there ({}); serving on the CPU",
                    settings.servedModelName(), choice.reason(), e.getMessage());
            return CpuPlacement.place(model, settings, maxModelLen);
        }
    }

    /** The runner's activation buffers hold one whole step. */
    private static PlacedRunner onGpu(LoadedModel model, EngineSettings settings, int maxModelLen) {
        return CudaPlacement.place(model, settings, maxModelLen, settings.gpuStepTokenBudget());
    }

    /** Where the model runs: {@code cpu} or {@code cuda}, and the device's name. */
    public DeviceInfo device() {
        return placed.device();
    }

    /** Tokens one step may run (the chunked-prefill budget) on this engine's device. */
    public int stepTokenBudget() {
        return settings.stepTokenBudget(placed.device());
    }

    /** Blocks of the KV pool, {@link BlockManager#BLOCK_SIZE} tokens each. */
    public int kvCacheBlocks() {
        return placed.numBlocks();
    }

    /** Bytes of the KV block pool (host memory on the CPU, device memory on a GPU). */
    public long kvCacheBytes() {
        return placed.kvBytes();
    }

    public LoadedModel model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return model.tokenizer();
    }

    public EngineSettings settings() {
        return settings;
    }

    public int maxModelLen() {
        return maxModelLen;
    }

    public ServingMetrics metrics() {
        return metrics;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Wall time of the engine loop by phase since start: schedule, forward pass, sampling and detokenisation. */
    public StepClock.Totals stepTimes() {
        return loop.stepTimes();
    }

    public Sequence submit(int[] prompt, SamplingOptions options, SequenceListener listener) {
        return loop.submit(prompt, options, listener);
    }

    /** A request whose output {@code guide} holds to a grammar (structured outputs); null guide: unconstrained. */
    public Sequence submit(int[] prompt, SamplingOptions options, SequenceListener listener, TokenGuide guide) {
        return loop.submit(prompt, options, listener, guide);
    }

    /** Cancels a sequence and wakes the loop so its blocks are freed at once. */
    public void cancel(Sequence sequence) {
        sequence.cancel();
        loop.wake();
    }

    /** Queues one prompt for several choices sharing its prefill and KV blocks ({@link EngineLoop#submitChoices}). */
    public List<Sequence> submitChoices(int[] prompt, SamplingOptions options, List<SequenceListener> listeners,
            boolean ranked) {
        return loop.submitChoices(prompt, options, listeners, ranked, null);
    }

    /** The same, each choice held to a grammar by a guide of its own from {@code guides} (null: unconstrained). */
    public List<Sequence> submitChoices(int[] prompt, SamplingOptions options, List<SequenceListener> listeners,
            boolean ranked, java.util.function.Supplier<TokenGuide> guides) {
        return loop.submitChoices(prompt, options, listeners, ranked, guides);
    }

    /** Runs one request to its end and returns its tokens and how it finished (tests and benchmarks). */
    public CompletableFuture<Result> generate(int[] prompt, SamplingOptions options) {
        return generate(prompt, options, logits -> { });
    }

    /** The same, handing {@code logitsPerStep} the logits each generated token was chosen from. */
    public CompletableFuture<Result> generate(int[] prompt, SamplingOptions options, Consumer<float[]> logitsPerStep) {
        ResultCollector collector = new ResultCollector(logitsPerStep);
        submit(prompt, options, collector);
        return collector.done;
    }

    /** Runs one request of {@code choices} choices to its end (tests and benchmarks); results in choice order. */
    public CompletableFuture<List<Result>> generateChoices(int[] prompt, SamplingOptions options, int choices) {
        List<ResultCollector> collectors = new ArrayList<>();
        for (int i = 0; i < choices; i++) {
            collectors.add(new ResultCollector(logits -> { }));
        }
        submitChoices(prompt, options, List.copyOf(collectors), false);
        return CompletableFuture.allOf(collectors.stream().map(c -> c.done).toArray(CompletableFuture[]::new))
                .thenApply(ignored -> collectors.stream().map(c -> c.done.join()).toList());
    }

    /** Gathers one sequence's tokens and text into a {@link Result}. */
    private static final class ResultCollector implements SequenceListener {
        final CompletableFuture<Result> done = new CompletableFuture<>();
        private final Consumer<float[]> logitsPerStep;
        private final List<Integer> tokens = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        ResultCollector(Consumer<float[]> logitsPerStep) {
            this.logitsPerStep = logitsPerStep;
        }

        @Override
        public void onToken(SampledToken token, String piece) {
            if (token != null) {
                tokens.add(token.token());
            }
            text.append(piece);
        }

        @Override
        public void onLogits(float[] logits) {
            logitsPerStep.accept(logits);
        }

        @Override
        public void onFinish(Completion completion) {
            done.complete(new Result(tokens.stream().mapToInt(Integer::intValue).toArray(), text.toString(), completion));
        }
    }

    public record Result(int[] tokens, String text, SequenceListener.Completion completion) {
    }

    @Override
    public void close() {
        loop.close();
        placed.release().run();
    }
}
