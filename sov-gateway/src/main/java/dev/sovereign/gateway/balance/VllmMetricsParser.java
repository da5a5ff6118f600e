package dev.sovereign.gateway.balance;

/**
 * Reads the three load gauges out of a Prometheus text page. Sums over label sets (one vLLM
 * process may expose one series per engine) and accepts the pre-0.10 name
 * {@code vllm:gpu_cache_usage_perc} when the new one is absent.
 */
public final class VllmMetricsParser {

    private VllmMetricsParser() {
    }

    public static EndpointLoad parse(String text, long nowNanos) {
        double waiting = 0;
        double running = 0;
        double kv = -1;
        double oldKv = -1;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            if (line.startsWith("vllm:num_requests_waiting")) {
                waiting += value(line);
            } else if (line.startsWith("vllm:num_requests_running")) {
                running += value(line);
            } else if (line.startsWith("vllm:kv_cache_usage_perc")) {
                kv = Math.max(kv, value(line));
            } else if (line.startsWith("vllm:gpu_cache_usage_perc")) {
                oldKv = Math.max(oldKv, value(line));
            }
        }
        double usage = kv >= 0 ? kv : Math.max(0, oldKv);
        return new EndpointLoad(waiting, running, usage, nowNanos);
    }

    private static double value(String line) {
        int end = line.lastIndexOf('}');
        String rest = (end >= 0 ? line.substring(end + 1) : line.substring(line.indexOf(' '))).trim();
        int space = rest.indexOf(' ');
        try {
            return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
