package dev.sovereign.cli;

import dev.sovereign.engine.embedding.EncoderServer;
import dev.sovereign.engine.model.WeightQuantization;
import dev.sovereign.engine.model.bert.BertLoader;
import dev.sovereign.engine.runner.EngineDevice;
import dev.sovereign.engine.server.EngineLauncher;
import dev.sovereign.gateway.http.ListenPort;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.sovereign.cli.logging.LogFormatOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sov engine}: the embedded engine behind its OpenAI server (see docs/engine-serving.md). */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Serve a model with the embedded engine: OpenAI API, continuous batching, prefix caching, vLLM metrics.")
final class EngineCommand implements Callable<Integer> {

    @Mixin
    LogFormatOption logFormat;

    @Option(names = "--model", required = true, description = "A .gguf file or a Hugging Face safetensors folder.")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Listen address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Listen port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--served-model-name", description = "The name clients use (default: the model's file or folder name).")
    String servedModelName;

    @Option(names = "--max-num-seqs", defaultValue = "256", description = "Most sequences per step (default ${DEFAULT-VALUE}).")
    int maxNumSeqs;

    @Option(names = "--max-num-batched-tokens", defaultValue = "0",
            description = "Tokens per step, the chunked-prefill budget: a longer prompt is prefilled in chunks while"
                    + " the running streams keep decoding (default: 128 per thread, at least --max-num-seqs).")
    int maxNumBatchedTokens;

    @Option(names = "--max-model-len", defaultValue = "0", description = "Longest prompt plus output (default: the model's context).")
    int maxModelLen;

    @Option(names = "--kv-cache-bytes", defaultValue = "0", description = "KV block pool size in bytes (default: a "
            + "quarter of free heap; under cuda, what --gpu-memory-utilization leaves after the weights).")
    long kvCacheBytes;

    @Option(names = "--enable-prefix-caching", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Reuse the KV blocks of shared prompt prefixes (default on, as in vLLM).")
    boolean prefixCaching;

    @Option(names = "--tool-call-parser", description = "Tool-call format of the model's output: hermes, llama3_json, mistral or qwen3_coder.")
    String toolCallParser;

    @Option(names = "--reasoning-parser", description = "Thinking format of the model's output, returned as reasoning_content: qwen3 or deepseek_r1.")
    String reasoningParser;

    @Option(names = "--max-waiting", defaultValue = "1024", description = "Queue limit; beyond it requests get 503 (default ${DEFAULT-VALUE}).")
    int maxWaiting;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    Integer threads;

    @Mixin
    DeviceFlags deviceFlags;

    @Spec
    CommandSpec spec;

    @Option(names = "--quantization", description = "fp8: F32/F16/BF16 weight matrices become 8-bit Q8_0 as they load "
            + "(no FP8 arithmetic on CPUs); default: the weights as stored.")
    String quantization;

    @Override
    public Integer call() throws InterruptedException {
        WeightQuantization weights;
        try {
            weights = WeightQuantization.of(quantization, "--quantization");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        EngineDevice where = deviceFlags.device(spec);
        // before the weights load: a taken port should cost the user no wait
        ListenPort.requireFree(host, port);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (BertLoader.isEncoder(model)) {
            if (where == EngineDevice.CUDA) {
                throw new ParameterException(spec.commandLine(), "--device cuda: encoder (embedding) models run on the "
                        + "CPU only; use --device cpu or auto");
            }
            return serveEncoder(workers);
        }
        EngineLauncher.Running running = EngineLauncher.start(new EngineLauncher.Options(model, host, port, servedModelName,
                maxNumSeqs, maxModelLen, kvCacheBytes, prefixCaching, toolCallParser, maxWaiting, workers,
                maxNumBatchedTokens, reasoningParser, where, deviceFlags.gpuMemoryUtilization), weights);
        if (running.server().port() < 0) {
            running.close();
            ListenPort.requireBound(host, port, running.server().port());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "engine-shutdown"));
        System.out.println("engine serving on port " + running.server().port() + " on " + running.engine().device().label()
                + " (max-num-seqs " + maxNumSeqs
                + ", max-num-batched-tokens " + running.engine().stepTokenBudget() + ")");
        stopped.await();
        return 0;
    }

    /** An encoder (BERT-family) model: the embeddings server; the generation flags do not apply. */
    private int serveEncoder(int workers) throws InterruptedException {
        EncoderServer server = new EncoderServer(BertLoader.load(model), host, port, servedModelName, workers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "encoder-shutdown"));
        System.out.println("encoder serving embeddings on port " + server.port());
        stopped.await();
        return 0;
    }
}
