package dev.sovereign.engine.runner;

import dev.sovereign.engine.constraint.TokenGuide;
import dev.sovereign.engine.metrics.ServingMetrics;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.sampling.StopStrings;
import dev.sovereign.engine.sampling.TokenSampler;
import dev.sovereign.engine.scheduler.Chunk;
import dev.sovereign.engine.scheduler.Scheduler;
import dev.sovereign.engine.scheduler.Sequence;
import dev.sovereign.engine.scheduler.Step;
import dev.sovereign.engine.tokenizer.IncrementalDecoder;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that drives the model: schedule a step, run it, sample every sequence that reached its last token,
 * hand text to listeners, retire finished and cancelled sequences. A request that fails (in the model or in its
 * listener) fails alone; the loop keeps serving the others.
 */
public final class EngineLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);

    private final Scheduler scheduler;
    private final ModelRunner runner;
    private final Tokenizer tokenizer;
    private final ServingMetrics metrics;
    private final int queueLimit;
    private final Set<Integer> endOfGeneration;
    private final Map<Sequence, Request> requests = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Object signal = new Object();
    private final Thread thread;
    private final StepClock clock = new StepClock();
    private volatile boolean closed;

    private static final class Request {
        final Sequence sequence;
        final SamplingOptions options;
        final TokenSampler sampler;
        final IncrementalDecoder decoder;
        final StopStrings stops;
        final SequenceListener listener;
        final TokenGuide guide;
        final boolean ranked;
        /** The request's other choices, to fork from this one when its prompt's logits arrive. */
        final List<Request> forks = new ArrayList<>();
        final long arrival = System.nanoTime();
        long scheduledAt;
        long lastToken;
        double cumulativeLogprob;

        Request(Sequence sequence, SamplingOptions options, TokenSampler sampler, IncrementalDecoder decoder,
                SequenceListener listener, TokenGuide guide, boolean ranked) {
            this.sequence = sequence;
            this.options = options;
            this.sampler = sampler;
            this.decoder = decoder;
            this.stops = new StopStrings(options.stop());
            this.listener = listener;
            this.guide = guide;
            this.ranked = ranked;
        }
    }

    public EngineLoop(Scheduler scheduler, ModelRunner runner, Tokenizer tokenizer, ServingMetrics metrics, int queueLimit) {
        this.scheduler = scheduler;
        this.runner = runner;
        this.tokenizer = tokenizer;
        this.metrics = metrics;
        this.queueLimit = queueLimit;
        this.endOfGeneration = tokenizer.endOfGenerationTokens();
        this.thread = Thread.ofPlatform().name("sov-engine-loop").daemon(true).unstarted(this::run);
    }

    public EngineLoop start() {
        thread.start();
        return this;
    }

    /**
     * Queues a prompt. The returned sequence can be {@linkplain Sequence#cancel() cancelled}; its blocks are freed at
     * the next step.
     *
     * @throws QueueFullException when the waiting queue is at its limit
     */
    public Sequence submit(int[] prompt, SamplingOptions options, SequenceListener listener) {
        return submit(prompt, options, listener, null);
    }

    /**
     * The same, with the output held to a grammar by {@code guide} (null: unconstrained): at each step only tokens that
     * continue a valid document can be drawn, and the sequence stops where the document is finished.
     */
    public Sequence submit(int[] prompt, SamplingOptions options, SequenceListener listener, TokenGuide guide) {
        return submitChoices(prompt, options, List.of(listener), false, guide == null ? null : () -> guide).getFirst();
    }

    /**
     * Queues one prompt for several choices ({@code n}, {@code best_of}), one listener each. The prompt is prefilled
     * once, by the first choice's sequence; when its logits arrive the other choices fork from it, sharing its KV
     * blocks (copy-on-write), and each samples on with its own sampler ({@link SamplingOptions#forChoice}). Cancelling
     * the first sequence before that moment ends them all.
     *
     * @param ranked keep each choice's cumulative log-probability in its completion ({@code best_of} ranks by it)
     * @param guides a new guide for each choice when the output is held to a grammar; null: unconstrained
     * @throws QueueFullException when the waiting queue is at its limit
     */
    public List<Sequence> submitChoices(int[] prompt, SamplingOptions options, List<SequenceListener> listeners,
            boolean ranked, java.util.function.Supplier<TokenGuide> guides) {
        for (int token : prompt) {
            if (token < 0 || token >= runner.vocabSize()) {
                throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of " + runner.vocabSize());
            }
        }
        List<Request> choices = new ArrayList<>(listeners.size());
        for (int i = 0; i < listeners.size(); i++) {
            SamplingOptions own = options.forChoice(i);
            Sequence sequence = new Sequence(ids.incrementAndGet(), prompt, prompt.length + options.maxTokens());
            choices.add(new Request(sequence, own, new TokenSampler(own, runner.vocabSize(), prompt),
                    tokenizer.continuationDecoder(), listeners.get(i), guides == null ? null : guides.get(), ranked));
        }
        Request first = choices.getFirst();
        first.forks.addAll(choices.subList(1, choices.size()));
        first.sequence.reserveForks(first.forks.size());
        requests.put(first.sequence, first);
        if (!scheduler.add(first.sequence)) {
            requests.remove(first.sequence);
            throw new QueueFullException(queueLimit);
        }
        metrics.promptTokens(prompt.length);
        wake();
        return choices.stream().map(r -> r.sequence).toList();
    }

    /** Where the loop's time has gone so far (the serving-step profile reads it). */
    public StepClock.Totals stepTimes() {
        return clock.totals();
    }

    private static int tokens(List<Chunk> chunks) {
        int total = 0;
        for (Chunk chunk : chunks) {
            total += chunk.count();
        }
        return total;
    }

    /** Wakes the loop so a cancellation is acted on at once, not at the next scheduled step. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            try {
                long started = System.nanoTime();
                Step step = scheduler.schedule();
                if (step.isEmpty()) {
                    awaitWork();
                    continue;
                }
                for (Sequence s : step.cancelled()) {
                    retire(s, "abort", null);
                }
                markScheduled(step.chunks());
                long scheduled = System.nanoTime();
                runner.copyBlocks(step.copies());
                Map<Sequence, float[]> logits = execute(step.chunks());
                long computed = System.nanoTime();
                for (Map.Entry<Sequence, float[]> e : logits.entrySet()) {
                    sample(e.getKey(), e.getValue());
                }
                clock.record(scheduled - started, computed - scheduled, System.nanoTime() - computed,
                        tokens(step.chunks()), logits.size());
            } catch (RuntimeException e) {
                LOG.error("engine step failed", e);
            }
        }
    }

    private void awaitWork() {
        synchronized (signal) {
            if (scheduler.idle() && !closed) {
                try {
                    signal.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    /** The first time a request is scheduled ends its time in the queue (vllm:request_queue_time_seconds). */
    private void markScheduled(List<Chunk> chunks) {
        long now = System.nanoTime();
        for (Chunk chunk : chunks) {
            Request r = requests.get(chunk.sequence());
            if (r != null && r.scheduledAt == 0) {
                r.scheduledAt = now;
                metrics.queued((now - r.arrival) / 1e9);
            }
        }
    }

    /** Runs the step; if it throws, runs each chunk alone so only the failing sequences fail. */
    private Map<Sequence, float[]> execute(List<Chunk> chunks) {
        Map<Sequence, float[]> logits;
        try {
            logits = runner.execute(chunks);
            chunks.forEach(scheduler::computed);
            return logits;
        } catch (RuntimeException batchFailure) {
            logits = new IdentityHashMap<>();
            for (Chunk chunk : chunks) {
                try {
                    logits.putAll(runner.execute(List.of(chunk)));
                    scheduler.computed(chunk);
                } catch (RuntimeException e) {
                    LOG.warn("sequence {} failed: {}", chunk.sequence().id(), e.getMessage());
                    scheduler.finish(chunk.sequence());
                    retire(chunk.sequence(), "error", e.getMessage());
                }
            }
            return logits;
        }
    }

    private void sample(Sequence s, float[] logits) {
        Request r = requests.get(s);
        if (r == null) {
            return;
        }
        try {
            if (!r.forks.isEmpty()) {
                fork(r, logits);
            }
            r.listener.onLogits(logits);
            if (r.guide != null) {
                r.guide.mask(logits);
            }
            SampledToken chosen = r.sampler.next(logits);
            int token = chosen.token();
            if (r.ranked) {
                r.cumulativeLogprob += Float.isNaN(chosen.logprob()) ? TokenSampler.logprobOf(logits, token) : chosen.logprob();
            }
            long now = System.nanoTime();
            if (s.generatedLength() == 0 && r.lastToken == 0) {
                metrics.firstToken((now - r.arrival) / 1e9);
            } else {
                metrics.interToken((now - r.lastToken) / 1e9);
            }
            r.lastToken = now;
            if ((!r.options.ignoreEos() && endOfGeneration.contains(token)) || r.options.stopTokenIds().contains(token)) {
                finish(r, "stop");
                return;
            }
            s.append(token);
            r.sampler.accept(token);
            if (r.guide != null) {
                r.guide.accept(token);
            }
            metrics.generationToken();
            String text = r.stops.offer(r.decoder.next(token));
            r.listener.onToken(chosen, text);
            if (r.stops.stopped() || (r.guide != null && r.guide.finished())) {
                finish(r, "stop");
            } else if (s.generatedLength() >= r.options.maxTokens() || s.length() >= s.maxLength()) {
                finish(r, "length");
            }
        } catch (RuntimeException e) {
            LOG.warn("sequence {} failed while sampling: {}", s.id(), e.getMessage());
            scheduler.finish(s);
            retire(s, "error", e.getMessage());
        }
    }

    /** Starts the request's other choices on the first one's blocks, each sampling from the prompt's logits. */
    private void fork(Request first, float[] logits) {
        List<Request> forks = List.copyOf(first.forks);
        first.forks.clear();
        for (Request choice : forks) {
            requests.put(choice.sequence, choice);
            choice.scheduledAt = first.scheduledAt;
            if (choice.sequence.cancelled()) {
                scheduler.dropFork(first.sequence);
                retire(choice.sequence, "abort", null);
                continue;
            }
            scheduler.fork(first.sequence, choice.sequence);
            // a guide masks the logits in place: every choice starts from the prompt's own
            sample(choice.sequence, first.guide == null ? logits : logits.clone());
        }
    }

    private void finish(Request r, String reason) {
        if (!r.stops.stopped()) {
            String rest = r.stops.offer(r.decoder.flush()) + r.stops.flush();
            if (!rest.isEmpty()) {
                r.listener.onToken(null, rest);
            }
        }
        scheduler.finish(r.sequence);
        retire(r.sequence, reason, null);
    }

    private void retire(Sequence s, String reason, String error) {
        Request r = requests.remove(s);
        if (r == null) {
            return;
        }
        if (!"error".equals(reason)) {
            metrics.finished(reason, (System.nanoTime() - r.arrival) / 1e9);
        }
        try {
            r.listener.onFinish(new SequenceListener.Completion(reason, s.promptLength(), s.generatedLength(),
                    s.cachedPromptTokens(), error, r.ranked ? r.cumulativeLogprob : Double.NaN));
        } catch (RuntimeException e) {
            LOG.warn("listener of sequence {} failed: {}", s.id(), e.getMessage());
        }
        // choices that never forked (the first one failed or was cancelled before its prompt was computed) end with it
        for (Request choice : r.forks) {
            requests.put(choice.sequence, choice);
            retire(choice.sequence, reason, error);
        }
        r.forks.clear();
    }
}
