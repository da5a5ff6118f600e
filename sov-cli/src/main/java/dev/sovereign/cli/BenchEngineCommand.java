package dev.sovereign.cli;

import dev.sovereign.engine.bench.EngineBenchmark;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sov bench engine}: single-stream prefill/decode of the engine in-process, next to a peer server (llama-server
 * built natively, ADR 0099) and the memory-bandwidth limit.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Single-stream prefill and decode speed vs a peer server (e.g. llama-server) and the bandwidth limit.")
final class BenchEngineCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A GGUF file.")
    Path model;

    @Option(names = "--threads", description = "Threads for both engines (default: available processors).")
    Integer threads;

    @Option(names = "--prompt-tokens", defaultValue = "512", description = "Prefill length (default ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--decode-tokens", defaultValue = "64", description = "Decoded tokens (default ${DEFAULT-VALUE}).")
    int decodeTokens;

    @Option(names = "--rounds", defaultValue = "3", description = "Alternating rounds; medians reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--peer-url", description = "A running OpenAI-compatible server on the same GGUF and thread count "
            + "(e.g. llama-server -m MODEL -t 2), timed on the same token ids; default: no peer.")
    URI peerUrl;

    @Option(names = "--peer-name", defaultValue = "peer", description = "The peer's column title, e.g. 'llama.cpp b4748' (default ${DEFAULT-VALUE}).")
    String peerName;

    @Option(names = "--peer-model", description = "The model name the peer serves (default: the GGUF's file name).")
    String peerModel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        String served = peerModel != null ? peerModel : String.valueOf(model.getFileName());
        EngineBenchmark.Report report = EngineBenchmark.run(new EngineBenchmark.Options(model, workers, promptTokens,
                decodeTokens, rounds, peerUrl, peerName, served), step -> {
                    err.println("bench: " + step);
                    err.flush();
                });
        spec.commandLine().getOut().print(report.toMarkdown());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
