package dev.sovereign.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.gateway.auth.ApiKey;
import dev.sovereign.gateway.auth.Authenticator;
import dev.sovereign.gateway.http.Bodies;
import dev.sovereign.gateway.http.ClientAborted;
import dev.sovereign.gateway.http.Replies;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The lifecycle every model request (OpenAI or Anthropic) goes through: authenticate, read the
 * body, run the API-specific exchange, answer failures in that API's error shape, and account
 * for the request whatever happened.
 */
public record Front(Authenticator authenticator, Intake intake, Dispatcher dispatcher, Accounting accounting, long maxBodyBytes) {

    /** The API-specific part: parse, admit through {@link Intake}, then {@link #forward}. */
    public interface Exchange {
        void run(CallContext call, byte[] body);
    }

    public void serve(ServerRequest request, ServerResponse response, Operation operation, boolean anthropicShape,
                      Exchange exchange) {
        CallContext call = null;
        try {
            call = new CallContext(authenticate(request), operation);
            CallContext accounted = call;
            call.onSettle(() -> accounting.finish(accounted));
            byte[] body = Bodies.read(request, maxBodyBytes);
            call.bodyBytes = body.length;
            exchange.run(call, body);
        } catch (ApiException e) {
            if (call != null) {
                UsageTap.failed(call, e);
                // a refused request still says what the router decided (blocked, failed) and what it cost us
                call.writeHeaders(response);
                if (call.requestedModel != null) {
                    call.settle();
                }
            }
            Replies.error(response, e, anthropicShape);
        } catch (ClientAborted e) {
            accounting.clientAborted(request, operation.metricName(), e);
            Replies.toAbortedClient(response, anthropicShape);
        } finally {
            if (call != null && call.requestedModel != null) {
                call.settle();
            }
        }
    }

    /** Sends an admitted request and hands the open answer to {@code relay}; always closes it. */
    public void forward(CallContext call, Intake.Admitted admitted, ObjectNode body, Supplier<String> prompt,
                        Consumer<HttpClientResponse> relay) {
        call.prompt = prompt;
        HttpClientResponse upstream = dispatcher.open(call, admitted.plan(), body, prompt);
        try {
            relay.accept(upstream);
        } finally {
            upstream.close();
            Dispatcher.release(call);
        }
    }

    public ApiKey authenticate(ServerRequest request) {
        return authenticator.authenticate(request.headers().first(HeaderNames.AUTHORIZATION),
                request.headers().first(HeaderNames.create("x-api-key")));
    }

    public byte[] body(ServerRequest request) {
        return Bodies.read(request, maxBodyBytes);
    }
}
