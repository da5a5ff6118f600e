package dev.sovereign.gateway.bench;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.KeySettings;
import dev.sovereign.gateway.settings.Limits;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sov bench gateway}: the gateway's added latency and throughput against a fast local
 * upstream, next to the same upstream reached directly and through nginx, all in one run:
 * latency at a fixed open-loop rate, the maximum closed-loop rate, and many concurrent streams
 * checked for loss and order. Prints a Markdown table for docs/benchmarks.md.
 */
public final class GatewayBenchmark {

    static final String KEY = "sk-bench";

    /** The run's knobs; {@code nginx} is the binary, null to leave nginx out. */
    public record Options(int rate, Duration duration, int concurrency, int streams, int streamEvents, String nginx) {
    }

    private record Target(String name, URI base, String key) {
    }

    private GatewayBenchmark() {
    }

    public static void run(Options options, PrintStream out) throws Exception {
        Path work = Files.createTempDirectory("sov-bench-gateway");
        try (BenchUpstream upstream = new BenchUpstream(options.streamEvents(), 20);
             Gateway gateway = Gateway.start(settings(upstream.uri(), work), Optional.empty());
             NginxProxy nginx = options.nginx() == null ? null : NginxProxy.start(options.nginx(), upstream.port(), work.resolve("nginx"))) {
            List<Target> targets = new ArrayList<>();
            targets.add(new Target("direct", upstream.uri(), null));
            if (nginx != null) {
                targets.add(new Target("nginx", URI.create("http://127.0.0.1:" + nginx.port()), null));
            }
            targets.add(new Target("sovereign gateway", URI.create("http://127.0.0.1:" + gateway.port()), KEY));

            Map<String, LoadGenerator.Latency> latency = new LinkedHashMap<>();
            Map<String, Double> max = new LinkedHashMap<>();
            for (Target t : targets) {
                LoadGenerator load = new LoadGenerator(t.key());
                load.closedLoop(t.base(), 16, Duration.ofSeconds(3));
                out.printf(Locale.ROOT, "%s: %d req/s open loop for %d s...%n", t.name(), options.rate(), options.duration().toSeconds());
                latency.put(t.name(), load.openLoop(t.base(), options.rate(), Duration.ofSeconds(2), options.duration()));
            }
            for (Target t : targets) {
                out.printf(Locale.ROOT, "%s: closed loop, %d clients...%n", t.name(), options.concurrency());
                max.put(t.name(), new LoadGenerator(t.key()).closedLoop(t.base(), options.concurrency(), options.duration()));
            }
            Map<String, LoadGenerator.Streams> streams = new LinkedHashMap<>();
            for (Target t : targets) {
                out.printf(Locale.ROOT, "%s: %d concurrent streams of %d events...%n", t.name(), options.streams(), options.streamEvents());
                streams.put(t.name(), new LoadGenerator(t.key()).streams(t.base(), options.streams(), options.streamEvents()));
            }
            report(out, options, latency, max, streams);
        }
    }

    private static GatewaySettings settings(URI upstream, Path work) {
        return new GatewaySettings("127.0.0.1", 0, 0, null,
                List.of(BackendSettings.simple("bench-upstream", upstream, List.of("bench"))), List.of(), Map.of(), Map.of(),
                List.of(new KeySettings("bench", KEY, Set.of(), new Limits(0, 0, 0, 0, 0, null))), Map.of(), work.resolve("usage.db"));
    }

    private static void report(PrintStream out, Options o, Map<String, LoadGenerator.Latency> latency, Map<String, Double> max,
                               Map<String, LoadGenerator.Streams> streams) {
        LoadGenerator.Latency direct = latency.get("direct");
        double directP50 = ms(direct.micros().getValueAtPercentile(50));
        double directP99 = ms(direct.micros().getValueAtPercentile(99));
        out.println();
        out.printf(Locale.ROOT, "| target | p50 ms | p99 ms | added p50 ms | added p99 ms | errors at %d req/s | max req/s (%d clients) "
                + "| %d streams: complete / lost / reordered |%n", o.rate(), o.concurrency(), o.streams());
        out.println("|---|---|---|---|---|---|---|---|");
        for (String name : latency.keySet()) {
            LoadGenerator.Latency l = latency.get(name);
            double p50 = ms(l.micros().getValueAtPercentile(50));
            double p99 = ms(l.micros().getValueAtPercentile(99));
            LoadGenerator.Streams s = streams.get(name);
            out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %s | %s | %d | %.0f | %d / %d / %d |%n", name, p50, p99,
                    name.equals("direct") ? "-" : String.format(Locale.ROOT, "%.2f", p50 - directP50),
                    name.equals("direct") ? "-" : String.format(Locale.ROOT, "%.2f", p99 - directP99),
                    l.errors(), max.get(name), s.ok(), s.lost(), s.reordered());
        }
        if (latency.containsKey("nginx")) {
            double nginxAdded = ms(latency.get("nginx").micros().getValueAtPercentile(50)) - directP50;
            double oursAdded = ms(latency.get("sovereign gateway").micros().getValueAtPercentile(50)) - directP50;
            out.printf(Locale.ROOT, "%nadded p50, gateway / nginx: %.2f ms / %.2f ms = %.1fx%n", oursAdded, nginxAdded,
                    nginxAdded > 0 ? oursAdded / nginxAdded : Double.NaN);
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
