package dev.sovereign.platform.replica;

import dev.sovereign.engine.model.bert.BertLoader;
import dev.sovereign.engine.model.bert.EncoderModel;
import java.nio.file.Path;

/**
 * Replicas of an embedding model (a BERT-family encoder) on Sovereign's engine in this process: the weights are
 * loaded once and shared; each replica is an embeddings server on its own loopback port. Encoders keep no KV cache.
 */
public final class EncoderSource implements ReplicaSource {

    private final EncoderModel model;
    private final String name;
    private final int threads;

    public EncoderSource(Path weights, String name, int threads) {
        this.model = BertLoader.load(weights);
        this.name = name;
        this.threads = threads;
    }

    @Override
    public Replica start(int index) {
        return new EncoderReplica(model, name, threads);
    }

    @Override
    public String kind() {
        return "embedded";
    }
}
