package dev.sovereign.gateway.proxy;

import dev.sovereign.gateway.auth.ApiKey;
import dev.sovereign.gateway.routing.Target;
import dev.sovereign.gateway.upstream.Endpoint;

/**
 * The state of one request on its way through the gateway: who asked, for what, where it went,
 * and the timings and token counts its usage record and metrics are made from.
 */
public final class CallContext {

    final long startNanos = System.nanoTime();
    final ApiKey key;
    final Operation operation;
    String requestedModel;
    String publicModel;
    String responseModel;
    Target target;
    Endpoint endpoint;
    /** Nanos spent waiting on the backend (connect, answer, reads); the rest is the gateway's. */
    long upstreamNanos;
    long firstTokenNanos = -1;
    long inputTokens;
    long cachedInputTokens;
    long outputTokens;
    /** Content events relayed: the output estimate when a stream ends before its usage. */
    long contentEvents;
    boolean usageReported;
    /** Characters of generated text in a whole answer, for the estimate when it carries no usage. */
    long outputChars;
    /** The prompt as text, read only when usage must be estimated; null before forwarding. */
    java.util.function.Supplier<String> prompt;
    /** The router's x-sov-* headers when a virtual model was asked for; empty otherwise. */
    java.util.Map<String, String> routerHeaders = java.util.Map.of();
    /** The router's changes for a request in another API than OpenAI's (native Anthropic backends). */
    dev.sovereign.gateway.mom.ModelChooser.Rewrite rewrite = dev.sovereign.gateway.mom.ModelChooser.Rewrite.NONE;
    /** Size of the client's body. */
    long bodyBytes;
    /** The limit reservation, settled when the request is accounted; null before admission. */
    dev.sovereign.gateway.limits.Ticket ticket;
    int status = 200;
    String errorType;
    /** Closes the books on this request (set by {@link Front}); run once, before the answer's last bytes leave. */
    private Runnable settlement = () -> { };
    private boolean settled;

    public CallContext(ApiKey key, Operation operation) {
        this.key = key;
        this.operation = operation;
    }

    public ApiKey key() {
        return key;
    }

    /** Milliseconds spent in the gateway so far, the value of {@code x-sov-overhead-ms}. */
    public double overheadMillis() {
        return Math.max(0, System.nanoTime() - startNanos - upstreamNanos) / 1e6;
    }

    public dev.sovereign.gateway.mom.ModelChooser.Rewrite rewrite() {
        return rewrite;
    }

    public String requestedModel() {
        return requestedModel;
    }

    /** The backend that answered, for messages; "unknown" before one did. */
    public String targetBackend() {
        return target == null ? "unknown" : target.backend().name();
    }

    /** The gateway's own response headers: its overhead, and the router's choice for a virtual model. */
    public void writeHeaders(io.helidon.webserver.http.ServerResponse response) {
        dev.sovereign.gateway.http.Replies.overhead(response, overheadMillis());
        routerHeaders.forEach(response::header);
    }

    void onSettle(Runnable accounting) {
        this.settlement = accounting;
    }

    /**
     * Records the request in the ledger, durably, and settles its reservation. Handlers call it just before the
     * bytes that tell the client the answer is complete ({@code [DONE]}, {@code message_stop}, a whole body): a
     * gateway killed after that point has the request in its ledger (issue 18). Later calls do nothing.
     */
    public void settle() {
        if (!settled) {
            settled = true;
            settlement.run();
        }
    }

    void markFirstToken() {
        if (firstTokenNanos < 0) {
            firstTokenNanos = System.nanoTime();
        }
    }
}
