package dev.sovereign.cli;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.GatewayLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.sovereign.cli.logging.LogFormatOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sov gateway}: the gateway alone, as it runs on Kubernetes (see docs/gateway.md). */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Run the gateway alone: OpenAI and Anthropic APIs, keys, routing, usage and limits.")
final class GatewayCommand implements Callable<Integer> {

    @Mixin
    LogFormatOption logFormat;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GatewayCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Platform configuration (sov.yaml).")
    Path config;

    @Option(names = "--models", paramLabel = "DIR", description = "Folder of InferenceService files; those with an engine URL become backends.")
    Path models;

    @Option(names = "--api-key", paramLabel = "TENANT=KEY", description = "Add an API key for a tenant (repeatable; "
            + "visible to other users in ps: prefer --api-key-file or $" + GatewayLauncher.API_KEYS_VARIABLE + ").")
    List<String> apiKeys = new ArrayList<>();

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "Add the API keys of a file: TENANT=KEY, one a line "
            + "(# comments); $" + GatewayLauncher.API_KEYS_VARIABLE + " may hold such pairs too.")
    Path apiKeyFile;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen port (default: the config's, else 8080).")
    Integer port;

    @Option(names = "--discover", description = "Route to the InferenceServices of a Kubernetes namespace and their ready pods "
            + "(in-cluster account or current kubeconfig), instead of --models.")
    boolean discover;

    @Option(names = "--namespace", paramLabel = "NS", description = "With --discover: the namespace to watch "
            + "(default: the kubeconfig's, or the pod's own).")
    String namespace;

    @Override
    public Integer call() throws InterruptedException {
        if (discover && models != null) {
            throw new IllegalArgumentException("--discover and --models exclude each other: in a cluster the models are its InferenceServices");
        }
        if (namespace != null && !discover) {
            throw new IllegalArgumentException("--namespace: only with --discover");
        }
        if (!apiKeys.isEmpty()) {
            LOG.warn("--api-key puts the key in the process list of this machine; prefer --api-key-file or ${}",
                    GatewayLauncher.API_KEYS_VARIABLE);
        }
        List<String> allKeys = new ArrayList<>(apiKeys);
        if (apiKeyFile != null) {
            allKeys.addAll(GatewayLauncher.keyFile(apiKeyFile));
        }
        allKeys.addAll(GatewayLauncher.keyVariable(System::getenv));
        GatewayLauncher.Options options = new GatewayLauncher.Options(config, models, allKeys, port);
        Runnable stop;
        int listening;
        if (discover) {
            ClusterGateway gateway = ClusterGateway.start(options, namespace, System::getenv);
            stop = gateway::close;
            listening = gateway.port();
        } else {
            Gateway gateway = GatewayLauncher.start(options, System::getenv);
            stop = gateway::close;
            listening = gateway.port();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "gateway-shutdown"));
        System.out.println("gateway listening on port " + listening);
        stopped.await();
        return 0;
    }
}
