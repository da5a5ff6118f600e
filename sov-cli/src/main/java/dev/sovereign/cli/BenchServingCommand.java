package dev.sovereign.cli;

import dev.sovereign.engine.bench.serving.Endpoint;
import dev.sovereign.engine.bench.serving.LevelMetrics;
import dev.sovereign.engine.bench.serving.ServingLoad;
import dev.sovereign.engine.bench.serving.ServingReport;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sov bench serving}: a load generator for any OpenAI-compatible server, in the spirit of vLLM's serving benchmark. */
@Command(name = "serving", mixinStandardHelpOptions = true,
        description = {"Load an OpenAI-compatible server (sov engine, sov serve, llama-server, vLLM) with streamed "
                + "requests and print, per concurrency level, output tok/s, req/s, and TTFT, TPOT and inter-token "
                + "latency percentiles (vLLM's definitions).",
            "Prompts are random words sized by the server's usage.prompt_tokens; every request asks for exactly "
                + "--output-tokens with ignore_eos (measured without it, and said so, when the server refuses it)."})
final class BenchServingCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, description = "The server's base URL, e.g. http://127.0.0.1:8000 (a trailing /v1 is fine).")
    String url;

    @Option(names = "--model", required = true, description = "The model name the server serves.")
    String model;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,8,16",
            description = "Concurrency levels, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> concurrency;

    @Option(names = "--prompt-tokens", defaultValue = "512", description = "Prompt length in the server's tokens (default ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--output-tokens", defaultValue = "128", description = "max_tokens of every request (default ${DEFAULT-VALUE}).")
    int outputTokens;

    @Option(names = "--requests", description = "Requests per level (default: twice the level, at least 4).")
    Integer requests;

    @Option(names = "--endpoint", defaultValue = "completions", description = "completions or chat (default ${DEFAULT-VALUE}).")
    String endpoint;

    @Option(names = "--api-key", description = "Sent as 'Authorization: Bearer KEY'.")
    String apiKey;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds one request may take (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServingLoad.Options options = new ServingLoad.Options(baseUrl(), model, endpointFlag(), levels(),
                atLeast("--prompt-tokens", promptTokens, 1), atLeast("--output-tokens", outputTokens, 1),
                requests == null ? 0 : atLeast("--requests", requests, 1), apiKey,
                Duration.ofSeconds(atLeast("--timeout", timeoutSeconds, 1)));
        PrintWriter err = spec.commandLine().getErr();
        ServingLoad.Report report = ServingLoad.run(options, step -> {
            err.println("bench serving: " + step);
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        out.print(ServingReport.markdown(report));
        out.flush();
        int failed = report.levels().stream().mapToInt(LevelMetrics::failed).sum();
        if (failed > 0) {
            String first = report.levels().stream().map(LevelMetrics::firstError).filter(e -> e != null).findFirst().orElse("");
            throw new IllegalStateException(failed + " requests failed; the first: " + first);
        }
        return 0;
    }

    private URI baseUrl() {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw usage("--url: expected http://HOST:PORT or https://HOST:PORT, got '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw usage("--url: not a URL: '" + url + "' (" + e.getReason() + ")");
        }
    }

    private Endpoint endpointFlag() {
        Endpoint e = Endpoint.byFlag(endpoint);
        if (e == null) {
            throw usage("--endpoint: expected completions or chat, got '" + endpoint + "'");
        }
        return e;
    }

    private List<Integer> levels() {
        if (concurrency.isEmpty()) {
            throw usage("--concurrency: give at least one level");
        }
        for (int level : concurrency) {
            atLeast("--concurrency", level, 1);
        }
        return List.copyOf(concurrency);
    }

    private int atLeast(String flag, int value, int minimum) {
        if (value < minimum) {
            throw usage(flag + ": must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
