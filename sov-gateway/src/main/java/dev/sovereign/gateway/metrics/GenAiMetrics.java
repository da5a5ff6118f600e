package dev.sovereign.gateway.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The gateway's metrics under the OpenTelemetry GenAI names as Prometheus exposes them
 * ({@code gen_ai.client.token.usage} becomes {@code gen_ai_client_token_usage}, seconds get the
 * {@code _seconds} suffix, attribute dots become underscores), with the spec's bucket bounds,
 * plus the gateway's own added latency.
 */
public final class GenAiMetrics {

    static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864};
    static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92};
    static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0};
    static final double[] TPOT_BUCKETS = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5};
    static final double[] OVERHEAD_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1};

    private static final String OPERATION = "gen_ai_operation_name";
    private static final String PROVIDER = "gen_ai_provider_name";
    private static final String REQUEST_MODEL = "gen_ai_request_model";
    private static final String RESPONSE_MODEL = "gen_ai_response_model";
    private static final String TOKEN_TYPE = "gen_ai_token_type";
    private static final String ERROR_TYPE = "error_type";
    private static final String TENANT = "tenant";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram tokenUsage;
    private final Histogram requestDuration;
    private final Histogram timeToFirstToken;
    private final Histogram timePerOutputToken;
    private final Histogram overhead;
    private final Counter clientAborts;

    public GenAiMetrics() {
        tokenUsage = Histogram.builder().name("gen_ai_client_token_usage").help("Tokens used per request, by token type")
                .classicOnly().classicUpperBounds(TOKEN_BUCKETS)
                .labelNames(OPERATION, PROVIDER, REQUEST_MODEL, RESPONSE_MODEL, TOKEN_TYPE, TENANT).register(registry);
        requestDuration = Histogram.builder().name("gen_ai_server_request_duration_seconds")
                .help("Time from the request's arrival to the end of its answer").classicOnly().classicUpperBounds(DURATION_BUCKETS)
                .labelNames(OPERATION, PROVIDER, REQUEST_MODEL, RESPONSE_MODEL, ERROR_TYPE, TENANT).register(registry);
        timeToFirstToken = Histogram.builder().name("gen_ai_server_time_to_first_token_seconds")
                .help("Time from the request's arrival to the first output token").classicOnly().classicUpperBounds(TTFT_BUCKETS)
                .labelNames(OPERATION, PROVIDER, REQUEST_MODEL, RESPONSE_MODEL, TENANT).register(registry);
        timePerOutputToken = Histogram.builder().name("gen_ai_server_time_per_output_token_seconds")
                .help("Time per output token after the first").classicOnly().classicUpperBounds(TPOT_BUCKETS)
                .labelNames(OPERATION, PROVIDER, REQUEST_MODEL, RESPONSE_MODEL, TENANT).register(registry);
        overhead = Histogram.builder().name("sov_gateway_overhead_seconds")
                .help("Time spent in the gateway itself (x-sov-overhead-ms)").classicOnly().classicUpperBounds(OVERHEAD_BUCKETS)
                .labelNames(OPERATION).register(registry);
        clientAborts = Counter.builder().name("sov_gateway_client_aborts_total")
                .help("Requests whose client closed the connection or sent a malformed body before the gateway could read it")
                .labelNames(OPERATION).register(registry);
    }

    /** A client that left (or broke the framing) before its body was read. */
    public void clientAborted(String operation) {
        clientAborts.labelValues(operation).inc();
    }

    public void record(RequestObservation o) {
        String responseModel = o.responseModel() == null ? "" : o.responseModel();
        requestDuration.labelValues(o.operation(), o.provider(), o.requestModel(), responseModel,
                o.errorType() == null ? "" : o.errorType(), o.tenant()).observe(o.durationSeconds());
        overhead.labelValues(o.operation()).observe(o.overheadSeconds());
        if (o.errorType() != null) {
            return;
        }
        tokenUsage.labelValues(o.operation(), o.provider(), o.requestModel(), responseModel, "input", o.tenant()).observe(o.inputTokens());
        if (o.outputTokens() > 0 || !"embeddings".equals(o.operation())) {
            tokenUsage.labelValues(o.operation(), o.provider(), o.requestModel(), responseModel, "output", o.tenant()).observe(o.outputTokens());
        }
        if (o.cachedInputTokens() > 0) {
            tokenUsage.labelValues(o.operation(), o.provider(), o.requestModel(), responseModel, "cached_input", o.tenant())
                    .observe(o.cachedInputTokens());
        }
        if (o.timeToFirstTokenSeconds() >= 0) {
            timeToFirstToken.labelValues(o.operation(), o.provider(), o.requestModel(), responseModel, o.tenant())
                    .observe(o.timeToFirstTokenSeconds());
            if (o.outputTokens() > 1) {
                double perToken = (o.durationSeconds() - o.timeToFirstTokenSeconds()) / (o.outputTokens() - 1);
                timePerOutputToken.labelValues(o.operation(), o.provider(), o.requestModel(), responseModel, o.tenant())
                        .observe(Math.max(0, perToken));
            }
        }
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
