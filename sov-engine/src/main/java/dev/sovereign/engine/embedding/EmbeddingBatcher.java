package dev.sovereign.engine.embedding;

import dev.sovereign.engine.kernel.Kernels;
import dev.sovereign.engine.model.bert.BertEncoder;
import dev.sovereign.engine.model.bert.EncoderModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the encoder for every request on one worker: whatever requests wait when it becomes free go through in one
 * pass (their matrix products share the weight reads), up to a token budget. Batching costs no waiting: a request
 * that arrives alone runs at once.
 */
final class EmbeddingBatcher implements AutoCloseable {

    /** Tokens of one pass; a larger request still runs, alone. */
    static final int PASS_TOKENS = 8192;

    private record Job(List<BertEncoder.Input> inputs, int tokens, CompletableFuture<float[][]> result) {
    }

    private final EncoderModel model;
    private final Kernels kernels;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Thread worker;
    private volatile boolean closed;

    EmbeddingBatcher(EncoderModel model, Kernels kernels) {
        this.model = model;
        this.kernels = kernels;
        this.worker = Thread.ofPlatform().daemon().name("encoder-" + model.name()).start(this::loop);
    }

    CompletableFuture<float[][]> submit(List<BertEncoder.Input> inputs) {
        int tokens = inputs.stream().mapToInt(i -> i.ids().length).sum();
        Job job = new Job(inputs, tokens, new CompletableFuture<>());
        if (closed) {
            job.result().completeExceptionally(new IllegalStateException("the encoder is stopping"));
        } else {
            queue.add(job);
        }
        return job.result();
    }

    int waiting() {
        return queue.size();
    }

    int running() {
        return running.get();
    }

    private void loop() {
        while (!closed) {
            List<Job> pass = new ArrayList<>();
            try {
                pass.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            int tokens = pass.getFirst().tokens();
            for (Job next = queue.peek(); next != null && tokens + next.tokens() <= PASS_TOKENS; next = queue.peek()) {
                pass.add(queue.poll());
                tokens += next.tokens();
            }
            run(pass);
        }
    }

    private void run(List<Job> pass) {
        running.set(pass.size());
        try {
            List<BertEncoder.Input> all = new ArrayList<>();
            pass.forEach(j -> all.addAll(j.inputs()));
            float[][] vectors = model.embed(all, kernels);
            int at = 0;
            for (Job j : pass) {
                float[][] mine = new float[j.inputs().size()][];
                System.arraycopy(vectors, at, mine, 0, mine.length);
                at += mine.length;
                j.result().complete(mine);
            }
        } catch (RuntimeException | Error e) {
            pass.forEach(j -> j.result().completeExceptionally(e));
        } finally {
            running.set(0);
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        for (Job j; (j = queue.poll()) != null; ) {
            j.result().completeExceptionally(new IllegalStateException("the encoder stopped"));
        }
    }
}
