package dev.sovereign.cli;

import dev.sovereign.platform.LocalPlatform;
import dev.sovereign.platform.ServeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.sovereign.cli.logging.LogFormatOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sov serve}: the whole platform on one machine (docs/serve.md). With no arguments it serves
 * the bundled folder, {@code models/} of the installation: sov-tiny and {@code MoM}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve every model declared in a folder behind one gateway on 127.0.0.1:8080.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--models", paramLabel = "DIR", description = "Folder of InferenceService files (default: the bundled models).")
    Path models;

    @Option(names = "--config", paramLabel = "FILE", description = "Platform configuration (default: the bundled models/sov.yaml "
            + "when --models is not given either).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "Gateway port (default: the configuration's, else 8080; 0: any free port).")
    Integer port;

    @Option(names = "--api-key", paramLabel = "TENANT=KEY", description = "An API key for a tenant (repeatable). "
            + "Default: a key generated on the first start and kept in the data folder.")
    List<String> apiKeys = new ArrayList<>();

    @Option(names = "--drain-seconds", defaultValue = "30", description = "How long streams in flight may take to finish "
            + "when a replica leaves or the server stops (default ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Mixin
    LogFormatOption logFormat;

    @Option(names = "--time-scale", defaultValue = "1", hidden = true,
            description = "Divides the autoscaling polling interval and cooldown (demos and tests).")
    double timeScale;

    @Override
    public Integer call() throws InterruptedException {
        Path home = Path.of(System.getProperty("sov.home", "."));
        if (models == null && config == null && Files.isRegularFile(home.resolve("models/sov.yaml"))) {
            config = home.resolve("models/sov.yaml");
        }
        LocalPlatform platform = LocalPlatform.start(new ServeOptions(config, models, apiKeys, port, timeScale,
                Duration.ofSeconds(drainSeconds)), System::getenv);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "serve-shutdown"));
        printWelcome(platform);
        stopped.await();
        return 0;
    }

    /** {@code sov status} as this user starts sov ({@code ./sov} from a checkout), with --url only where the default is not it. */
    private static String statusCommand(LocalPlatform platform) {
        String launcher = System.getProperty("sov.launcher", "sov");
        String base = platform.url().replace("/v1", "");
        return launcher + " status" + (base.equals("http://127.0.0.1:8080") ? "" : " --url " + base);
    }

    private void printWelcome(LocalPlatform platform) {
        String tenant;
        String key;
        if (platform.generatedKey().isPresent()) {
            tenant = dev.sovereign.platform.ServeKey.TENANT;
            key = platform.generatedKey().get();
        } else if (!apiKeys.isEmpty()) {
            tenant = apiKeys.getFirst().substring(0, apiKeys.getFirst().indexOf('='));
            key = apiKeys.getFirst().substring(apiKeys.getFirst().indexOf('=') + 1);
        } else {
            tenant = null;
            key = "YOUR_KEY";
        }
        List<String> names = platform.modelNames();
        String model = names.isEmpty() ? "MODEL" : names.getFirst();
        System.out.println("Sovereign is serving on " + platform.url());
        System.out.println(tenant == null ? "  API keys: those of the configuration" : "  API key (tenant " + tenant + "): " + key);
        System.out.println("  models: " + (names.isEmpty() ? "(none yet: add InferenceService files to the models folder)"
                : String.join(", ", names)));
        // temperature 0: the first answer a new user sees should be the model's best, the same every time
        System.out.println("  try: curl -s " + platform.url() + "/chat/completions -H 'Authorization: Bearer " + key + "'"
                + " -H 'Content-Type: application/json'"
                + " -d '{\"model\":\"" + model + "\",\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"What is 12 + 30?\"}]}'");
        System.out.println("  status: " + statusCommand(platform) + "    stop: Ctrl-C");
        System.out.flush();
    }
}
