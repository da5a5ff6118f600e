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
        final long arrival = System.nanoTime();
        long scheduledAt;
        long lastToken;

        Request(Sequence sequence, SamplingOptions options, TokenSampler sampler, IncrementalDecoder decoder,
                SequenceListener listener, TokenGuide guide) {
            this.sequence = sequence;
            this.options = options;
            this.sampler = sampler;
            this.decoder = decoder;
            this.stops = new StopStrings(options.stop());
            this.listener = listener;
            this.guide = guide;
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
        for (int token : prompt) {
            if (token < 0 || token >= runner.vocabSize()) {
                throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of " + runner.vocabSize());
            }
        }
        Sequence sequence = new Sequence(ids.incrementAndGet(), prompt, prompt.length + options.maxTokens());
        Request request = new Request(sequence, options, new TokenSampler(options, runner.vocabSize(), prompt),
                tokenizer.continuationDecoder(), listener, guide);
        requests.put(sequence, request);
        if (!scheduler.add(sequence)) {
            requests.remove(sequence);
            throw new QueueFullException(queueLimit);
        }
        metrics.promptTokens(prompt.length);
        wake();
        return sequence;
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
            r.listener.onLogits(logits);
            if (r.guide != null) {
                r.guide.mask(logits);
            }
            SampledToken chosen = r.sampler.next(logits);
            int token = chosen.token();
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
                    s.cachedPromptTokens(), error));
        } catch (RuntimeException e) {
            LOG.warn("listener of sequence {} failed: {}", s.id(), e.getMessage());
        }
    }
}
