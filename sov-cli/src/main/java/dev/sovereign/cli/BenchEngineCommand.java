package dev.sovereign.cli;

import dev.sovereign.engine.bench.EngineBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sov bench engine}: single-stream prefill/decode next to llama.cpp and the memory-bandwidth limit. */
@Command(name = "engine", description = "Single-stream prefill and decode speed vs llama.cpp and the bandwidth limit.")
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

    @Option(names = "--no-llama-cpp", description = "Skip the llama.cpp peer.")
    boolean noLlamaCpp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        EngineBenchmark.Report report = EngineBenchmark.run(new EngineBenchmark.Options(model, workers, promptTokens,
                decodeTokens, rounds, !noLlamaCpp), step -> {
                    err.println("bench: " + step);
                    err.flush();
                });
        spec.commandLine().getOut().print(report.toMarkdown());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
