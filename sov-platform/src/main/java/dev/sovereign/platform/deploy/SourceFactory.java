package dev.sovereign.platform.deploy;

import dev.sovereign.engine.model.WeightQuantization;
import dev.sovereign.engine.runner.EngineDevice;
import dev.sovereign.engine.model.bert.BertLoader;
import dev.sovereign.platform.replica.EncoderSource;
import dev.sovereign.gateway.upstream.UpstreamClient;
import dev.sovereign.platform.memory.KvCacheBudget;
import dev.sovereign.platform.replica.EmbeddedSource;
import dev.sovereign.platform.replica.ExternalSource;
import dev.sovereign.platform.replica.ProcessSource;
import dev.sovereign.platform.replica.ReplicaSource;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import dev.sovereign.spec.inference.ReasoningFamily;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an InferenceService into what starts its replicas, by {@code spec.engine.kind}: our engine
 * in this process (the default under {@code sov serve}), a server command, or an external URL.
 * {@code vllm} without a command runs {@code vllm serve} with the flags the Kubernetes rendering uses.
 */
public final class SourceFactory {

    private final WeightSource weights;
    private final Path logFolder;
    private final UpstreamClient client;
    private final int threadsPerReplica;
    private final KvCacheBudget kvBudget;

    public SourceFactory(WeightSource weights, Path logFolder, UpstreamClient client, int threadsPerReplica, KvCacheBudget kvBudget) {
        this.kvBudget = kvBudget;
        this.weights = weights;
        this.logFolder = logFolder;
        this.client = client;
        this.threadsPerReplica = threadsPerReplica;
    }

    /** Whether what the replicas need from disk is here now (always, for an external URL); never makes a request. */
    public boolean weightsPresent(InferenceService service, Path baseDir) {
        boolean external = service.spec().declaredEngine().map(InferenceServiceSpec.Engine::kind).filter("external"::equals).isPresent();
        return external || weights.present(service.spec().model().repository(), service.spec().model().revision(), baseDir);
    }

    public ReplicaSource sourceFor(InferenceService service, Path baseDir) {
        InferenceServiceSpec spec = service.spec();
        String kind = spec.declaredEngine().map(InferenceServiceSpec.Engine::kind).orElse("embedded");
        if (kind.equals("external")) {
            String url = spec.engine().url();
            if (url == null) {
                throw new IllegalArgumentException("spec.engine.url: kind external needs the server's URL");
            }
            return new ExternalSource(URI.create(url));
        }
        // refused before any download: a GPU-only scheme cannot run here whatever the weights are
        WeightQuantization quantization = kind.equals("embedded")
                ? WeightQuantization.of(spec.model().quantization(), "spec.model.quantization") : WeightQuantization.AS_STORED;
        Path local = weights.ensure(spec.model().repository(), spec.model().revision(), baseDir);
        return switch (kind) {
            case "embedded" -> BertLoader.isEncoder(local) ? new EncoderSource(local, service.name(), threadsPerReplica)
                    : new EmbeddedSource(local, service.name(), spec.model().maxNumSeqs(), spec.model().contextWindow(),
                    spec.cache().prefixCache().enabled(),
                    spec.model().toolCallParser(),
                    ReasoningFamily.forService(spec.model().repository(), spec.engineArgs()).orElse(null),
                    threadsPerReplica, kvBudget, spec.cache().kvCacheBytes(), quantization,
                    EngineDevice.parse(spec.engineDevice(), "spec.engine.device"));
            case "process" -> new ProcessSource(service.name(), spec.engine().command(), local, logFolder, client);
            case "vllm" -> new ProcessSource(service.name(), spec.engine() != null && !spec.engine().command().isEmpty()
                    ? spec.engine().command() : vllmCommand(spec), local, logFolder, client);
            default -> throw new IllegalArgumentException("spec.engine.kind: '" + kind + "' is not served by sov serve");
        };
    }

    private static List<String> vllmCommand(InferenceServiceSpec spec) {
        List<String> line = new ArrayList<>(List.of("vllm", "serve", "{model}", "--host", "{host}", "--port", "{port}",
                "--served-model-name", "{name}", "--max-model-len", Integer.toString(spec.model().contextWindow()),
                "--max-num-seqs", Integer.toString(spec.model().maxNumSeqs())));
        if (spec.model().toolCallParser() != null) {
            line.addAll(List.of("--enable-auto-tool-choice", "--tool-call-parser", spec.model().toolCallParser()));
        }
        if (!"fp16".equals(spec.model().quantization())) {
            // as the Kubernetes rendering passes it: fp16 is vLLM's unquantized default
            line.addAll(List.of("--quantization", spec.model().quantization()));
        }
        line.addAll(spec.engineArgs());
        return line;
    }
}
