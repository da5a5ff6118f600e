package dev.sovereign.engine.server;

import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.openai.Usage;
import dev.sovereign.engine.constraint.TokenGuide;
import dev.sovereign.engine.runner.QueueFullException;
import dev.sovereign.engine.runner.SequenceListener;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * One request's run through the engine, read event by event on the request's thread: one choice, or several
 * ({@code n}, {@code best_of}) sharing the prompt's prefill and KV blocks, their events interleaved as they come.
 */
final class Generation {

    private final ServingEngine engine;
    private final OutputQueue queue = new OutputQueue();
    private final List<Sequence> sequences;
    private final long created = System.currentTimeMillis() / 1000;
    private final List<List<SampledToken>> tokens = new ArrayList<>();
    private final SequenceListener.Completion[] completions;
    private int unfinished;

    Generation(ServingEngine engine, int[] prompt, SamplingOptions options) {
        this(engine, prompt, options, 1, false, null);
    }

    /**
     * @param ranked keep each choice's cumulative log-probability ({@code best_of})
     * @param guides a guide per choice holding its output to a grammar (structured outputs), or null
     */
    Generation(ServingEngine engine, int[] prompt, SamplingOptions options, int choices, boolean ranked,
               java.util.function.Supplier<TokenGuide> guides) {
        this.engine = engine;
        List<SequenceListener> listeners = new ArrayList<>(choices);
        for (int i = 0; i < choices; i++) {
            listeners.add(queue.listener(i));
            tokens.add(new ArrayList<>());
        }
        this.completions = new SequenceListener.Completion[choices];
        this.unfinished = choices;
        try {
            this.sequences = engine.submitChoices(prompt, options, listeners, ranked, guides);
        } catch (QueueFullException e) {
            throw HttpReplies.queueFull(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidField("prompt", e.getMessage());
        }
    }

    /** The next piece of text or end of some choice; call only while {@link #running()}. */
    OutputQueue.Event next() {
        try {
            OutputQueue.Event event = queue.next();
            if (event instanceof OutputQueue.Piece piece && piece.token() != null) {
                tokens.get(piece.choice()).add(piece.token());
            }
            if (event instanceof OutputQueue.Done done) {
                if ("error".equals(done.completion().reason())) {
                    throw ApiErrors.internal("generation failed: " + done.completion().error());
                }
                completions[done.choice()] = done.completion();
                unfinished--;
            }
            return event;
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new ApiException(499, ApiErrors.internal("request interrupted").error());
        }
    }

    /** Whether some choice has not finished yet. */
    boolean running() {
        return unfinished > 0;
    }

    /** Reads a one-choice run to the end; returns its text and completion. */
    Finished collect() {
        return collectAll().getFirst();
    }

    /** Reads every choice to its end; returns them in choice order. */
    List<Finished> collectAll() {
        List<StringBuilder> texts = new ArrayList<>();
        for (int i = 0; i < completions.length; i++) {
            texts.add(new StringBuilder());
        }
        while (running()) {
            if (next() instanceof OutputQueue.Piece piece) {
                texts.get(piece.choice()).append(piece.text());
            }
        }
        List<Finished> out = new ArrayList<>();
        for (int i = 0; i < completions.length; i++) {
            out.add(new Finished(i, texts.get(i).toString(), completions[i], tokens.get(i)));
        }
        return out;
    }

    /** @param tokens the choice's sampled tokens (with log-probabilities when they were asked for) */
    record Finished(int choice, String text, SequenceListener.Completion completion, List<SampledToken> tokens) {
    }

    /**
     * Usage of the whole request once every choice has finished: the prompt once, the completion tokens of every
     * generated choice ({@code best_of} ones not returned included: they were computed).
     */
    Usage usage() {
        int completion = 0;
        for (SequenceListener.Completion c : completions) {
            completion += c.completionTokens();
        }
        return Usage.of(completions[0].promptTokens(), completion, completions[0].cachedTokens());
    }

    void cancel() {
        for (Sequence s : sequences) {
            engine.cancel(s);
        }
    }

    long created() {
        return created;
    }

    String id(String prefix) {
        return prefix + Long.toHexString(created) + Long.toHexString(sequences.getFirst().id());
    }

    /** The first choice's sampled tokens so far. */
    List<SampledToken> tokens() {
        return tokens.getFirst();
    }
}
