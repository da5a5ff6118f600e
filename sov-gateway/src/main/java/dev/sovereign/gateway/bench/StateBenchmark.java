package dev.sovereign.gateway.bench;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.KeySettings;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.settings.StateSettings;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * {@code sov bench gateway --state URL}: what the shared PostgreSQL state adds to each request, next to the embedded
 * SQLite file, in one run against a fast local upstream. The key has a token budget, so every request reserves it
 * (a PostgreSQL transaction per request with shared state) and writes a usage row. Targets are measured in
 * alternating rounds so a change in the machine's load falls on all of them alike. The benchmark's schema is
 * created in the given database and dropped at the end.
 */
public final class StateBenchmark {

    private static final int ROUNDS = 3;

    /** {@code state}: the database to measure on (a fresh schema is made in it); the rest as {@link GatewayBenchmark}. */
    public record Options(int rate, Duration duration, StateSettings state) {
    }

    private StateBenchmark() {
    }

    public static void run(Options options, PrintStream out) throws Exception {
        Path work = Files.createTempDirectory("sov-bench-state");
        String schema = "sov_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        StateSettings state = new StateSettings(options.state().jdbcUrl(), options.state().user(), options.state().password(), schema,
                options.state().poolSize());
        try (BenchUpstream upstream = new BenchUpstream(1, 0);
             Gateway sqlite = Gateway.start(settings(upstream.uri(), work), Optional.empty());
             Gateway postgres = Gateway.start(settings(upstream.uri(), work).withState(state), Optional.empty())) {
            Map<String, URI> targets = new LinkedHashMap<>();
            targets.put("direct", upstream.uri());
            targets.put("gateway, SQLite file", URI.create("http://127.0.0.1:" + sqlite.port()));
            targets.put("gateway, PostgreSQL", URI.create("http://127.0.0.1:" + postgres.port()));
            Map<String, Histogram> latency = new LinkedHashMap<>();
            Map<String, Long> errors = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (Map.Entry<String, URI> t : targets.entrySet()) {
                    out.printf(Locale.ROOT, "round %d/%d, %s: %d req/s for %d s...%n", round, ROUNDS, t.getKey(), options.rate(),
                            options.duration().toSeconds());
                    LoadGenerator.Latency l = new LoadGenerator(t.getKey().equals("direct") ? null : GatewayBenchmark.KEY)
                            .openLoop(t.getValue(), options.rate(), Duration.ofSeconds(1), options.duration());
                    latency.computeIfAbsent(t.getKey(), k -> new Histogram(60_000_000L, 3)).add(l.micros());
                    errors.merge(t.getKey(), l.errors(), Long::sum);
                }
            }
            report(out, options, latency, errors);
        } finally {
            dropSchema(state);
        }
    }

    private static GatewaySettings settings(URI upstream, Path work) {
        // a budget no run reaches: every request reserves and settles it, none is refused
        Limits budgeted = new Limits(0, 0, 0, 1_000_000_000_000L, 0, Duration.ofDays(30));
        return new GatewaySettings("127.0.0.1", 0, 0, null,
                List.of(BackendSettings.simple("bench-upstream", upstream, List.of("bench"))), List.of(), Map.of(), Map.of(),
                List.of(new KeySettings("bench", GatewayBenchmark.KEY, Set.of(), budgeted)), Map.of(), work.resolve("usage.db"));
    }

    private static void report(PrintStream out, Options o, Map<String, Histogram> latency, Map<String, Long> errors) {
        double directP50 = ms(latency.get("direct").getValueAtPercentile(50));
        double directP99 = ms(latency.get("direct").getValueAtPercentile(99));
        out.println();
        out.printf(Locale.ROOT, "| target (%d req/s, budgeted key) | requests | p50 ms | p99 ms | added p50 ms | added p99 ms | errors |%n",
                o.rate());
        out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Histogram> e : latency.entrySet()) {
            double p50 = ms(e.getValue().getValueAtPercentile(50));
            double p99 = ms(e.getValue().getValueAtPercentile(99));
            boolean direct = e.getKey().equals("direct");
            out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %s | %s | %d |%n", e.getKey(), e.getValue().getTotalCount(), p50, p99,
                    direct ? "-" : String.format(Locale.ROOT, "%.2f", p50 - directP50),
                    direct ? "-" : String.format(Locale.ROOT, "%.2f", p99 - directP99), errors.get(e.getKey()));
        }
        double sqliteP50 = ms(latency.get("gateway, SQLite file").getValueAtPercentile(50)) - directP50;
        double postgresP50 = ms(latency.get("gateway, PostgreSQL").getValueAtPercentile(50)) - directP50;
        out.printf(Locale.ROOT, "%nadded p50, PostgreSQL / SQLite: %.2f ms / %.2f ms = %.1fx%n", postgresP50, sqliteP50,
                sqliteP50 > 0 ? postgresP50 / sqliteP50 : Double.NaN);
    }

    private static void dropSchema(StateSettings state) {
        try (Connection c = DriverManager.getConnection(state.jdbcUrl(), state.user(), state.password());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + state.schema() + "\" CASCADE");
        } catch (SQLException e) {
            System.err.println("bench gateway: could not drop the benchmark schema " + state.schema() + ": " + e.getMessage());
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
