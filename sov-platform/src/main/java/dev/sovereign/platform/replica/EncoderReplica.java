package dev.sovereign.platform.replica;

import dev.sovereign.engine.embedding.EncoderServer;
import dev.sovereign.engine.model.bert.EncoderModel;
import java.net.URI;
import java.time.Duration;

/** One embeddings server of an encoder model, in this process on a loopback port. */
final class EncoderReplica implements Replica {

    private final EncoderServer server;
    private final URI base;

    EncoderReplica(EncoderModel model, String name, int threads) {
        this.server = new EncoderServer(model, ProcessSource.HOST, 0, name, threads);
        this.base = URI.create("http://" + ProcessSource.HOST + ":" + server.port());
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public boolean ready() {
        return true; // the server starts after the model is loaded
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public void stop(Duration grace) {
        InProcessDrain.await(() -> server.busy() > 0, grace);
        server.close();
    }
}
