package dev.sovereign.engine.server;

import dev.sovereign.engine.runner.SequenceListener;
import dev.sovereign.engine.sampling.SampledToken;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands a request's output from the engine loop thread to the request's own (virtual) thread, so a slow or
 * vanished client never stalls the loop. A request with several choices has one listener per choice, all feeding
 * this one queue; each event says whose it is.
 */
final class OutputQueue {

    sealed interface Event permits Piece, Done {
        /** Which of the request's choices (0 when there is one). */
        int choice();
    }

    record Piece(int choice, SampledToken token, String text) implements Event {
    }

    record Done(int choice, SequenceListener.Completion completion) implements Event {
    }

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

    SequenceListener listener(int choice) {
        return new SequenceListener() {
            @Override
            public void onToken(SampledToken token, String text) {
                events.add(new Piece(choice, token, text));
            }

            @Override
            public void onFinish(Completion completion) {
                events.add(new Done(choice, completion));
            }
        };
    }

    Event next() throws InterruptedException {
        return events.take();
    }
}
