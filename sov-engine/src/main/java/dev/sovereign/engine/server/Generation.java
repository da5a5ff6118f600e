package dev.sovereign.engine.server;

import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.engine.constraint.TokenGuide;
import dev.sovereign.engine.runner.QueueFullException;
import dev.sovereign.engine.runner.SequenceListener;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.ArrayList;
import java.util.List;

/** One request's run through the engine, read event by event on the request's thread. */
final class Generation {

    private final ServingEngine engine;
    private final OutputQueue queue = new OutputQueue();
    private final Sequence sequence;
    private final long created = System.currentTimeMillis() / 1000;
    private final List<SampledToken> tokens = new ArrayList<>();

    Generation(ServingEngine engine, int[] prompt, SamplingOptions options) {
        this(engine, prompt, options, null);
    }

    /** @param guide holds the output to a grammar (structured outputs), or null */
    Generation(ServingEngine engine, int[] prompt, SamplingOptions options, TokenGuide guide) {
        this.engine = engine;
        try {
            this.sequence = engine.submit(prompt, options, queue, guide);
        } catch (QueueFullException e) {
            throw HttpReplies.queueFull(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidField("prompt", e.getMessage());
        }
    }

    /** The next piece of text, or the completion (then the run is over). */
    OutputQueue.Event next() {
        try {
            OutputQueue.Event event = queue.next();
            if (event instanceof OutputQueue.Piece piece && piece.token() != null) {
                tokens.add(piece.token());
            }
            if (event instanceof OutputQueue.Done done && "error".equals(done.completion().reason())) {
                throw ApiErrors.internal("generation failed: " + done.completion().error());
            }
            return event;
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new ApiException(499, ApiErrors.internal("request interrupted").error());
        }
    }

    /** Reads to the end; returns the whole text and the completion. */
    Finished collect() {
        StringBuilder text = new StringBuilder();
        while (true) {
            OutputQueue.Event event = next();
            if (event instanceof OutputQueue.Piece piece) {
                text.append(piece.text());
            } else if (event instanceof OutputQueue.Done done) {
                return new Finished(text.toString(), done.completion());
            }
        }
    }

    record Finished(String text, SequenceListener.Completion completion) {
    }

    void cancel() {
        engine.cancel(sequence);
    }

    long created() {
        return created;
    }

    String id(String prefix) {
        return prefix + Long.toHexString(created) + Long.toHexString(sequence.id());
    }

    List<SampledToken> tokens() {
        return tokens;
    }
}
