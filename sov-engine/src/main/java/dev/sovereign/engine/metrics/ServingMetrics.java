package dev.sovereign.engine.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The serving metrics under vLLM's current names, each labelled {@code model_name}, so dashboards, the gateway's
 * balancer and the autoscaler read this engine exactly as they read a vLLM pod.
 */
public final class ServingMetrics {

    private static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0};
    private static final double[] ITL_BUCKETS = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5};
    private static final double[] E2E_BUCKETS = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0};

    private final String modelName;
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong generationTokens = new AtomicLong();
    private final Map<String, AtomicLong> successes = new ConcurrentHashMap<>();
    private final Histogram ttft = new Histogram("vllm:time_to_first_token_seconds", TTFT_BUCKETS);
    private final Histogram itl = new Histogram("vllm:inter_token_latency_seconds", ITL_BUCKETS);
    private final Histogram e2e = new Histogram("vllm:e2e_request_latency_seconds", E2E_BUCKETS);
    private final Histogram queue = new Histogram("vllm:request_queue_time_seconds", E2E_BUCKETS);
    private final Gauges gauges;

    /**
     * Live values read from the scheduler and block manager at scrape time, and the KV cache's fixed shape:
     * {@code cacheDtype} under vLLM's name for the element type, {@code kvBytesPerToken} for keys and values of every
     * layer, {@code device} ({@code cpu} or {@code cuda}) and {@code deviceName} where the model runs.
     */
    public record Gauges(LongSupplier running, LongSupplier waiting, DoubleSupplier kvUsage, LongSupplier prefixQueries,
                         LongSupplier prefixHits, LongSupplier preemptions, int blockSize, int numBlocks,
                         String cacheDtype, long kvBytesPerToken, String device, String deviceName) {

        /** For an assembly that does not say where it runs (exported as device "unknown"). */
        public Gauges(LongSupplier running, LongSupplier waiting, DoubleSupplier kvUsage, LongSupplier prefixQueries,
                      LongSupplier prefixHits, LongSupplier preemptions, int blockSize, int numBlocks,
                      String cacheDtype, long kvBytesPerToken) {
            this(running, waiting, kvUsage, prefixQueries, prefixHits, preemptions, blockSize, numBlocks, cacheDtype,
                    kvBytesPerToken, "unknown", "");
        }
    }

    public ServingMetrics(String modelName, Gauges gauges) {
        this.modelName = modelName;
        this.gauges = gauges;
    }

    public void promptTokens(int count) {
        promptTokens.addAndGet(count);
    }

    public void generationToken() {
        generationTokens.incrementAndGet();
    }

    public void firstToken(double seconds) {
        ttft.observe(seconds);
    }

    public void interToken(double seconds) {
        itl.observe(seconds);
    }

    /** Time a request waited before it was first scheduled. */
    public void queued(double seconds) {
        queue.observe(seconds);
    }

    public void finished(String reason, double seconds) {
        successes.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        e2e.observe(seconds);
    }

    /** The Prometheus text exposition. */
    public String render() {
        String label = "model_name=\"" + escape(modelName) + "\"";
        StringBuilder out = new StringBuilder();
        gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", label, gauges.running().getAsLong());
        gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", label, gauges.waiting().getAsLong());
        gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", label, gauges.kvUsage().getAsDouble());
        counter(out, "vllm:prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.", label, gauges.prefixQueries().getAsLong());
        counter(out, "vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.", label, gauges.prefixHits().getAsLong());
        counter(out, "vllm:num_preemptions_total", "Cumulative number of preemptions from the engine.", label, gauges.preemptions().getAsLong());
        counter(out, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", label, promptTokens.get());
        counter(out, "vllm:generation_tokens_total", "Number of generation tokens processed.", label, generationTokens.get());
        out.append("# HELP vllm:request_success_total Count of successfully processed requests.\n");
        out.append("# TYPE vllm:request_success_total counter\n");
        for (String reason : new String[] {"stop", "length", "abort"}) {
            long n = successes.getOrDefault(reason, new AtomicLong()).get();
            out.append("vllm:request_success_total{").append(label).append(",finished_reason=\"").append(reason)
                    .append("\"} ").append(n).append('\n');
        }
        ttft.write(out, label, "Histogram of time to first token in seconds.");
        itl.write(out, label, "Histogram of inter-token latency in seconds.");
        e2e.write(out, label, "Histogram of end to end request latency in seconds.");
        queue.write(out, label, "Histogram of time spent in WAITING phase for request.");
        out.append("# HELP vllm:cache_config_info Information of the KV cache configuration.\n");
        out.append("# TYPE vllm:cache_config_info gauge\n");
        out.append("vllm:cache_config_info{").append(label).append(",block_size=\"").append(gauges.blockSize())
                .append("\",cache_dtype=\"").append(gauges.cacheDtype())
                .append("\",num_gpu_blocks=\"").append(gauges.numBlocks()).append("\"} 1.0\n");
        // not a vLLM series: vLLM leaves bytes per token to be derived from the model; ours are worth seeing at a glance
        gauge(out, "sov_engine_kv_cache_bytes_per_token", "Bytes one token takes in the KV cache, keys and values of every layer.",
                label, gauges.kvBytesPerToken());
        // vLLM has no series for the device (it always runs on one); sov status reads ours to show each replica's
        out.append("# HELP sov_engine_device_info Where the model runs: device cpu or cuda, and the device's name.\n");
        out.append("# TYPE sov_engine_device_info gauge\n");
        out.append("sov_engine_device_info{").append(label).append(",device=\"").append(escape(gauges.device()))
                .append("\",name=\"").append(escape(gauges.deviceName())).append("\"} 1.0\n");
        return out.toString();
    }

    /** A label value as the Prometheus text format quotes it. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void gauge(StringBuilder out, String name, String help, String label, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append('{').append(label).append("} ").append(Histogram.number(value)).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, String label, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append('{').append(label).append("} ").append(value).append('\n');
    }
}
