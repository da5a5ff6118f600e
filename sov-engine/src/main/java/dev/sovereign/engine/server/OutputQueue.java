package dev.sovereign.engine.server;

import dev.sovereign.engine.runner.SequenceListener;
import dev.sovereign.engine.sampling.SampledToken;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands a sequence's output from the engine loop thread to the request's own (virtual) thread, so a slow or
 * vanished client never stalls the loop.
 */
final class OutputQueue implements SequenceListener {

    sealed interface Event permits Piece, Done {
    }

    record Piece(SampledToken token, String text) implements Event {
    }

    record Done(Completion completion) implements Event {
    }

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void onToken(SampledToken token, String text) {
        events.add(new Piece(token, text));
    }

    @Override
    public void onFinish(Completion completion) {
        events.add(new Done(completion));
    }

    Event next() throws InterruptedException {
        return events.take();
    }
}
