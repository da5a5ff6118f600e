package dev.sovereign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.gateway.GatewayLauncher;
import dev.sovereign.gateway.settings.PlatformSettings;
import dev.sovereign.platform.ServeKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sov status}: what a running {@code sov serve} serves, replica by replica, and which files it rejects. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the models of a running 'sov serve': revision, replicas ready/desired, endpoints, last error.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The gateway of sov serve (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "An API key of that gateway (default: $SOV_API_KEY, else "
            + "the key sov serve generated in the data folder).")
    String apiKey;

    @Option(names = "--config", paramLabel = "FILE", description = "sov.yaml, to find the data folder.")
    Path config;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String key = apiKey != null ? apiKey : System.getenv("SOV_API_KEY") != null ? System.getenv("SOV_API_KEY") : storedKey();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/sov/status"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key).build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("nothing answers at " + url + ": is 'sov serve' running there?");
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(response.body());
            return 0;
        }
        print(new ObjectMapper().readTree(response.body()), out);
        return 0;
    }

    private String storedKey() throws IOException {
        Path data = PlatformSettings.dataFolder(GatewayLauncher.loadConfig(config), System::getenv);
        Path file = ServeKey.file(data);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--api-key: none given, no $SOV_API_KEY and no generated key in " + file);
        }
        return Files.readString(file).trim();
    }

    private static void print(JsonNode status, PrintWriter out) {
        String format = "%-24s %-9s %-10s %-9s %-11s %-32s %-32s %s%n";
        out.printf(format, "MODEL", "ENGINE", "REVISION", "REPLICAS", "CONCURRENCY", "ENDPOINTS", "DEVICE", "LAST ERROR");
        for (JsonNode m : status.path("models")) {
            out.printf(format, m.path("name").asText(), m.path("engine").asText("-"), m.path("revision").asText("-"),
                    m.path("ready_replicas").asInt() + "/" + m.path("desired_replicas").asInt(),
                    m.hasNonNull("max_concurrency") ? m.path("max_concurrency").asText() : "-",
                    m.path("endpoints").isEmpty() ? "-" : String.join(",", textsOf(m.path("endpoints"))),
                    devices(m.path("devices")), lastError(m));
        }
        if (status.hasNonNull("control_loop_error")) {
            out.println();
            out.println("the control loop fails (it keeps trying): " + status.path("control_loop_error").asText());
        }
        if (!status.path("problems").isEmpty()) {
            out.println();
            out.println("files that do not validate (the last good version of their models keeps serving):");
            status.path("problems").forEach(p -> out.println("  " + p.path("problem").asText()));
        }
    }

    /** The error, and when the model is tried again (retries back off; see docs/serve.md), or how long it has been starting. */
    private static String lastError(JsonNode model) {
        String error = model.path("last_error").asText("-");
        if (model.hasNonNull("starting_for_seconds")) {
            error = "starting " + model.path("starting_for_seconds").asLong() + " s" + (error.equals("-") ? "" : "; " + error);
        }
        if (!model.hasNonNull("next_retry")) {
            return error;
        }
        long seconds = Math.max(0, java.time.Duration.between(java.time.Instant.now(),
                java.time.Instant.parse(model.path("next_retry").asText())).toSeconds());
        return error + " (next try in " + seconds + " s)";
    }

    /** Each replica's device, once per distinct device with a count when several replicas share it. */
    static String devices(JsonNode devices) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        devices.forEach(d -> counts.merge(d.asText(), 1, Integer::sum));
        if (counts.isEmpty()) {
            return "-";
        }
        java.util.List<String> shown = new java.util.ArrayList<>();
        counts.forEach((device, n) -> shown.add(n == 1 ? device : n + "x " + device));
        return String.join(", ", shown);
    }

    private static java.util.List<String> textsOf(JsonNode array) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
