package dev.sovereign.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.gateway.routing.RoutePlan;
import dev.sovereign.gateway.routing.Target;
import dev.sovereign.gateway.upstream.Backend;
import dev.sovereign.gateway.upstream.Endpoint;
import dev.sovereign.gateway.upstream.ReplicaDemand;
import dev.sovereign.gateway.upstream.UpstreamClient;
import dev.sovereign.gateway.upstream.UpstreamFailure;
import io.helidon.webclient.api.HttpClientResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request to the first target of its plan that takes it: the next target is tried only
 * when the failed one cannot have generated anything (refused connection, no replica, 429 or 503
 * after the client's bounded retries; ADR 0101). A timeout, a reset or another 5xx ends the
 * request there, so one request never generates twice. The body's {@code model} is rewritten to
 * each target's own name for it.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final UpstreamClient client;
    private volatile ReplicaDemand demand = ReplicaDemand.NONE;

    public Dispatcher(UpstreamClient client) {
        this.client = client;
    }

    /** Who starts a replica for a backend that has none. */
    public void demand(ReplicaDemand newDemand) {
        this.demand = newDemand;
    }

    /** The open answer of the first target that gave one; {@code prompt} feeds the replica choice. */
    public HttpClientResponse open(CallContext call, RoutePlan plan, ObjectNode body, Supplier<String> prompt) {
        return open(call, plan, body, prompt, null);
    }

    /**
     * As {@link #open(CallContext, RoutePlan, ObjectNode, Supplier)}, to another path of the backend; null: the
     * operation's path ({@code /v1/messages} itself on native Anthropic backends).
     */
    public HttpClientResponse open(CallContext call, RoutePlan plan, ObjectNode body, Supplier<String> prompt, String path) {
        UpstreamFailure last = null;
        int attempted = 0;
        for (Target target : plan.attempts()) {
            attempted++;
            body.put("model", target.upstreamModel());
            byte[] bytes = WireJson.write(body);
            try {
                awaitReplica(target);
            } catch (UpstreamFailure failure) {
                LOG.warn("backend {} has no replica for model {}: {}", target.backend().name(), plan.publicModel(),
                        failure.getMessage());
                last = failure;
                continue;
            }
            Endpoint endpoint = target.backend().picker().pick(prompt);
            long sent = System.nanoTime();
            endpoint.inFlight().incrementAndGet();
            try {
                String targetPath = path != null ? path
                    : call.operation == Operation.MESSAGES && target.backend().settings().speaksAnthropic() ? "/v1/messages"
                    : call.operation.upstreamPath();
            HttpClientResponse response = client.post(target.backend(), endpoint, targetPath, bytes,
                        target.backend().settings().timeoutFor(target.upstreamModel()), Map.of());
                call.upstreamNanos += System.nanoTime() - sent;
                call.target = target;
                call.endpoint = endpoint;
                return response;
            } catch (UpstreamFailure failure) {
                call.upstreamNanos += System.nanoTime() - sent;
                endpoint.inFlight().decrementAndGet();
                LOG.warn("backend {} ({}) failed for model {}: {}", target.backend().name(), endpoint, plan.publicModel(),
                        failure.getMessage());
                if (!failure.nothingGenerated()) {
                    throw toClientError(failure, attempted);
                }
                last = failure;
            }
        }
        throw toClientError(last, attempted);
    }

    /** A backend scaled to zero is woken; the request waits for its first replica up to the backend's timeout. */
    private void awaitReplica(Target target) throws UpstreamFailure {
        Backend backend = target.backend();
        if (!backend.endpoints().isEmpty()) {
            return;
        }
        if (!demand.canStart(backend.name())) {
            throw UpstreamFailure.unsent(UpstreamFailure.Kind.CONNECT, backend.name(), "has no ready replica");
        }
        Duration limit = backend.settings().timeoutFor(target.upstreamModel());
        demand.wake(backend.name());
        try {
            if (backend.awaitEndpoint(limit)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw UpstreamFailure.unsent(UpstreamFailure.Kind.TIMEOUT, backend.name(),
                "has no ready replica after waiting " + limit.toSeconds() + " s for one to start");
    }

    /** Called once the answer has been fully relayed or abandoned. */
    public static void release(CallContext call) {
        if (call.endpoint != null) {
            call.endpoint.inFlight().decrementAndGet();
            call.endpoint = null;
        }
    }

    private static ApiException toClientError(UpstreamFailure failure, int attempted) {
        String tried = attempted > 1 ? " (after trying " + attempted + " backends)" : "";
        return switch (failure.kind()) {
            case TIMEOUT -> new ApiException(504, new dev.sovereign.api.error.ApiError(
                    "backend '" + failure.backend() + "' " + failure.getMessage() + tried, ApiErrors.TIMEOUT, null, "upstream_timeout"));
            // refused: the backend is not there (503); broken after the request went out: a bad gateway (502)
            case CONNECT -> ApiErrors.upstreamFailed(failure.nothingGenerated() ? 503 : 502, failure.backend(),
                    failure.getMessage() + tried);
            case SERVER_ERROR -> ApiErrors.upstreamFailed(502, failure.backend(), failure.getMessage() + tried);
            case BUSY -> new ApiException(failure.status(), new dev.sovereign.api.error.ApiError("backend '" + failure.backend()
                    + "' " + failure.getMessage() + tried, failure.status() == 429 ? ApiErrors.RATE_LIMIT : ApiErrors.UPSTREAM, null,
                    "upstream_" + failure.status()), failure.retryAfterSeconds());
        };
    }
}
