package dev.sovereign.cli;

import dev.sovereign.gateway.bench.GatewayBenchmark;
import dev.sovereign.gateway.bench.StateBenchmark;
import dev.sovereign.gateway.settings.StateSettings;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sov bench gateway}: added latency, max throughput and concurrent streams vs direct and nginx. */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Gateway added latency at a fixed rate, max req/s and concurrent streams, vs direct and nginx.")
final class BenchGatewayCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "1000", description = "Open-loop requests per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of each measured phase (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--clients", defaultValue = "64", description = "Closed-loop clients for the max req/s (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--streams", defaultValue = "1000", description = "Concurrent streams (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--stream-events", defaultValue = "20", description = "Events per stream, 20 ms apart (default ${DEFAULT-VALUE}).")
    int streamEvents;

    @Option(names = "--nginx", description = "nginx binary (default: nginx on PATH; 'none' to leave it out).")
    String nginx;

    @Option(names = "--state", description = "Instead: what shared state adds per request, PostgreSQL at this "
            + "postgresql://HOST[:PORT]/DATABASE next to the SQLite file (a schema is made there and dropped).")
    String state;

    @Option(names = "--state-user", defaultValue = "postgres", description = "Database user for --state (default ${DEFAULT-VALUE}; "
            + "the password, if any, from PGPASSWORD).")
    String stateUser;

    @Override
    public Integer call() throws Exception {
        if (state != null) {
            if (!state.startsWith("postgresql://")) {
                throw new IllegalArgumentException("--state: expected postgresql://HOST[:PORT]/DATABASE, got " + state);
            }
            StateBenchmark.run(new StateBenchmark.Options(rate, Duration.ofSeconds(seconds),
                    new StateSettings("jdbc:" + state, stateUser, System.getenv("PGPASSWORD"), null, 8)), System.out);
            return 0;
        }
        String binary = "none".equals(nginx) ? null : nginx != null ? nginx : onPath("nginx");
        if (binary == null && !"none".equals(nginx)) {
            System.err.println("bench gateway: nginx not found on PATH; measuring without it (--nginx PATH to name it)");
        }
        GatewayBenchmark.run(new GatewayBenchmark.Options(rate, Duration.ofSeconds(seconds), clients, streams, streamEvents, binary),
                System.out);
        return 0;
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }
}
