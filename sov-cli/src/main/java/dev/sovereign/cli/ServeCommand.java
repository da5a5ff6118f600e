package dev.sovereign.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sov serve}: the whole platform on one machine. The serving modules are not built
 * yet, so for now it says what it will do and exits with a clear, non-zero status.
 */
@Command(name = "serve", description = "Serve every model declared in a folder behind one gateway on 127.0.0.1:8080.")
final class ServeCommand implements Callable<Integer> {

    static final int NOT_YET_AVAILABLE = 3;

    @Option(names = "--models", paramLabel = "DIR", description = "Folder of InferenceService files (default: the bundled models).")
    Path models;

    @Option(names = "--config", paramLabel = "FILE", description = "Platform configuration (sov.yaml).")
    Path config;

    @Option(names = "--port", defaultValue = "8080", description = "Gateway port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        System.err.printf("""
                sov serve will start, on 127.0.0.1:%d:
                  - a gateway speaking the OpenAI and Anthropic APIs, with API keys per tenant;
                  - the semantic router behind the virtual model MoM;
                  - an embedded engine for each model declared in %s.
                The serving modules have not landed yet, so nothing was started.
                What works today: 'sov validate FILE|DIR...' checks InferenceService files.
                """, port, models == null ? "the bundled models folder" : models);
        return NOT_YET_AVAILABLE;
    }
}
