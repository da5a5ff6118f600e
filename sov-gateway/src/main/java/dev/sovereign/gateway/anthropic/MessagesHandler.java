package dev.sovereign.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.anthropic.CountTokensRequest;
import dev.sovereign.api.anthropic.MessagesRequest;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ContentText;
import dev.sovereign.api.sse.SseEvent;
import dev.sovereign.api.sse.SseReader;
import dev.sovereign.api.sse.SseWriter;
import dev.sovereign.gateway.http.Replies;
import dev.sovereign.gateway.proxy.CallContext;
import dev.sovereign.gateway.proxy.Dispatcher;
import dev.sovereign.gateway.proxy.Front;
import dev.sovereign.gateway.proxy.Intake;
import dev.sovereign.gateway.proxy.Operation;
import dev.sovereign.gateway.proxy.UsageTap;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;


/**
 * The Anthropic Messages API in front of OpenAI backends: {@code POST /v1/messages} (plain and
 * streamed, tools included) and {@code /v1/messages/count_tokens}. Errors use Anthropic's shape.
 */
public final class MessagesHandler {

    private final Front front;
    private final Intake intake;
    private final Dispatcher dispatcher;

    public MessagesHandler(Front front) {
        this.front = front;
        this.intake = front.intake();
        this.dispatcher = front.dispatcher();
    }

    public void messages(ServerRequest request, ServerResponse response) {
        front.serve(request, response, Operation.MESSAGES, true, (call, bytes) -> {
            MessagesRequest messages = RequestReader.read(bytes, MessagesRequest.class);
            ObjectNode chat = RequestTranslator.toChat(messages);
            Intake.Admitted admitted = intake.admit(call, chat, request.headers().first(HeaderNames.create(Intake.MODEL_HEADER)),
                    RequestTranslator.textMessages(chat), bytes.length, messages.maxTokens(), 1);
            if (admitted.plan().attempts().getFirst().backend().settings().speaksAnthropic()) {
                forwardNative(call, admitted, RequestReader.readObject(bytes), messages.streaming(), response);
                return;
            }
            UsageTap.prepare(chat, Operation.CHAT, messages.streaming(), admitted.ticket().outputCap());
            front.forward(call, admitted, chat, () -> UsageTap.promptOf(chat), upstream -> {
                if (upstream.status().code() >= 400) {
                    throw upstreamError(upstream);
                }
                if (messages.streaming()) {
                    stream(call, upstream, response, messages.model());
                } else {
                    whole(call, upstream, response, messages.model());
                }
            });
        });
    }

    /**
     * A native Anthropic backend takes the client's own body with the router's changes (redaction, system prompt,
     * reasoning) applied in the Messages API's terms, the model rewritten and the budget's cap.
     */
    private void forwardNative(CallContext call, Intake.Admitted admitted, ObjectNode body, boolean streaming, ServerResponse response) {
        Integer cap = admitted.ticket().outputCap();
        if (cap != null) {
            body.put("max_tokens", Math.min(body.path("max_tokens").asInt(Integer.MAX_VALUE), cap));
        }
        // after the cap, so a thinking budget fits the max_tokens actually sent
        NativeRewrite.apply(body, call.rewrite());
        front.forward(call, admitted, body, () -> UsageTap.promptOf(RequestTranslator.toChat(RequestReader.bind(body, MessagesRequest.class))),
                upstream -> {
                    if (upstream.status().code() >= 400) {
                        throw upstreamError(upstream);
                    }
                    if (streaming) {
                        NativeRelay.stream(call, upstream, response);
                    } else {
                        NativeRelay.whole(call, upstream, response);
                    }
                });
    }

    private void whole(CallContext call, HttpClientResponse upstream, ServerResponse response, String model) {
        JsonNode completion = UsageTap.readWhole(call, upstream);
        call.writeHeaders(response);
        call.settle();
        Replies.json(response, 200, ResponseTranslator.toMessage(completion, model));
    }

    private void stream(CallContext call, HttpClientResponse upstream, ServerResponse response, String model) {
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, SseWriter.CONTENT_TYPE);
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        call.writeHeaders(response);
        SseReader reader = new SseReader(upstream.inputStream());
        try {
            java.io.OutputStream stream = response.outputStream();
            SseWriter out = new SseWriter(stream);
            StreamTranslator translator = new StreamTranslator(out, model);
            while (true) {
                SseEvent event = UsageTap.nextEvent(call, reader);
                if (event == null || event.isDone()) {
                    break;
                }
                JsonNode chunk = UsageTap.observe(call, event.data());
                if (chunk != null) {
                    translator.chunk(chunk);
                }
            }
            call.settle();
            translator.finish();
            stream.close();
        } catch (UsageTap.UpstreamBroke e) {
            UsageTap.failed(call, ApiErrors.upstreamFailed(502, call.targetBackend(), "stopped answering mid-stream"));
        } catch (IOException | UncheckedIOException | CloseConnectionException e) {
            UsageTap.clientGone(call);
        }
    }

    public void countTokens(ServerRequest request, ServerResponse response) {
        try {
            CallContext call = new CallContext(front.authenticate(request), Operation.MESSAGES);
            byte[] bytes = front.body(request);
            CountTokensRequest count = RequestReader.read(bytes, CountTokensRequest.class);
            ObjectNode chat = RequestTranslator.toChat(new MessagesRequest(count.model(), count.messages(), count.system(), 1,
                    false, count.tools(), null, null, null, null, null, null));
            Intake.Admitted admitted = intake.route(call, chat, request.headers().first(HeaderNames.create(Intake.MODEL_HEADER)));
            Integer counted = tokenize(call, admitted, chat);
            if (counted == null) {
                // The backend has no tokenizer endpoint: about four characters per token, said so in a header.
                response.header("x-sov-token-count", "estimate");
                counted = (int) Math.ceil(UsageTap.promptOf(chat).length() / 4.0);
            }
            Replies.json(response, 200, new CountTokensRequest.Result(counted));
        } catch (ApiException e) {
            Replies.error(response, e, true);
        }
    }

    /** vLLM's {@code POST /tokenize} with the chat messages answers {@code {"count": N}}. */
    private Integer tokenize(CallContext call, Intake.Admitted admitted, ObjectNode chat) {
        ObjectNode body = WireJson.objectNode();
        body.set("messages", chat.get("messages"));
        try {
            HttpClientResponse upstream = dispatcher.open(call, admitted.plan(), body, () -> null, "/tokenize");
            try (upstream) {
                if (upstream.status().code() != 200) {
                    return null;
                }
                JsonNode answer = WireJson.mapper().readTree(upstream.inputStream());
                return answer.has("count") ? answer.get("count").asInt() : null;
            } finally {
                Dispatcher.release(call);
            }
        } catch (ApiException | IOException | UncheckedIOException e) {
            return null;
        }
    }

    private static ApiException upstreamError(HttpClientResponse upstream) {
        int status = upstream.status().code();
        String message;
        try {
            JsonNode error = WireJson.mapper().readTree(upstream.inputStream());
            message = error.path("error").path("message").asText(ContentText.of(error));
        } catch (IOException | UncheckedIOException e) {
            message = "status " + status;
        }
        return new ApiException(status, new dev.sovereign.api.error.ApiError(message,
                status == 400 ? ApiErrors.INVALID_REQUEST : ApiErrors.UPSTREAM, null, "upstream_" + status), null);
    }

}
