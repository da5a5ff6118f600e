package dev.sovereign.cli;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.GatewayLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sov gateway}: the gateway alone, as it runs on Kubernetes (see docs/gateway.md). */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Run the gateway alone: OpenAI and Anthropic APIs, keys, routing, usage and limits.")
final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Platform configuration (sov.yaml).")
    Path config;

    @Option(names = "--models", paramLabel = "DIR", description = "Folder of InferenceService files; those with an engine URL become backends.")
    Path models;

    @Option(names = "--api-key", paramLabel = "TENANT=KEY", description = "Add an API key for a tenant (repeatable).")
    List<String> apiKeys = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", description = "Listen port (default: the config's, else 8080).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        Gateway gateway = GatewayLauncher.start(new GatewayLauncher.Options(config, models, apiKeys, port), System::getenv);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        System.out.println("gateway listening on port " + gateway.port());
        stopped.await();
        return 0;
    }
}
