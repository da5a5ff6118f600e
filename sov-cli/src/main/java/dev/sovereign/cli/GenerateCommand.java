package dev.sovereign.cli;

import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.runner.EngineDevice;
import dev.sovereign.engine.runner.TextGeneration;
import dev.sovereign.engine.sampling.InvalidSamplingException;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sov generate}: run the embedded engine once, through the same scheduler and runner as {@code sov engine};
 * only the generated text goes to stdout.
 */
@Command(name = "generate", description = "Generate text with the embedded engine from a GGUF file or a safetensors folder.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A .gguf file or a Hugging Face safetensors folder.")
    Path model;

    @Option(names = "--prompt", required = true, description = "The prompt (raw completion unless --chat).")
    String prompt;

    @Option(names = "--max-tokens", defaultValue = "128", description = "Most tokens to generate (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 is greedy (default ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--chat", description = "Render the prompt as a user message with the model's chat template.")
    boolean chat;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    Integer threads;

    @Mixin
    DeviceFlags deviceFlags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SamplingOptions options;
        try {
            options = SamplingOptions.plain(temperature, seed, maxTokens);
        } catch (InvalidSamplingException e) {
            // the engine names the request field (max_tokens); here the user typed a flag (--max-tokens)
            throw new IllegalArgumentException("--" + e.field().replace('_', '-') + ": "
                    + e.getMessage().substring(e.field().length() + 2), e);
        }
        EngineDevice where = deviceFlags.device(spec);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        TextGeneration.generate(ModelLoader.load(model), prompt, chat, options, workers, where,
                deviceFlags.gpuMemoryUtilization, piece -> {
            out.print(piece);
            out.flush();
        });
        out.println();
        out.flush();
        return 0;
    }
}
