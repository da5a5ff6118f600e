package dev.sovereign.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ChatCompletionRequest;
import dev.sovereign.api.openai.ChatMessage;
import dev.sovereign.api.openai.CompletionRequest;
import dev.sovereign.api.openai.ContentText;
import dev.sovereign.api.openai.EmbeddingRequest;
import dev.sovereign.gateway.limits.Fanout;
import dev.sovereign.gateway.http.UpstreamErrorBody;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /v1/chat/completions}, {@code /v1/completions} and {@code /v1/embeddings}: validate,
 * route, admit, forward (the client's body, with the target's model name, usage requested on
 * streams and the budget's output cap), then relay the answer as it comes and account for it.
 */
public final class OpenAiHandler {

    private final Front front;
    private final Intake intake;

    public OpenAiHandler(Front front) {
        this.front = front;
        this.intake = front.intake();
    }

    public void handle(ServerRequest request, ServerResponse response, Operation operation) {
        front.serve(request, response, operation, false, (call, bytes) -> {
            ObjectNode body = RequestReader.readObject(bytes);
            Parsed parsed = parse(body, operation);
            Intake.Admitted admitted = intake.admit(call, body, request.headers().first(HeaderNames.create(Intake.MODEL_HEADER)),
                    parsed.messages, bytes.length, parsed.requestedOutput,
                    operation == Operation.EMBEDDINGS ? 1 : Fanout.sequences(body));
            UsageTap.prepare(body, operation, parsed.stream, admitted.ticket().outputCap());
            front.forward(call, admitted, body, parsed.prompt, upstream -> {
                String contentType = upstream.headers().contentType().map(type -> type.text()).orElse("");
                if (parsed.stream && upstream.status().code() < 400 && contentType.startsWith("text/event-stream")) {
                    new StreamRelay(call, upstream, response, parsed.clientWantsUsage).run();
                } else {
                    relayWhole(call, upstream, response);
                }
            });
        });
    }

    private record Parsed(boolean stream, boolean clientWantsUsage, Integer requestedOutput, List<ChatMessage> messages,
                          Supplier<String> prompt) {
    }

    private static Parsed parse(ObjectNode body, Operation operation) {
        return switch (operation) {
            case CHAT -> {
                ChatCompletionRequest chat = RequestReader.bind(body, ChatCompletionRequest.class);
                yield new Parsed(chat.streaming(), chat.wantsStreamUsage(), chat.outputLimit(), chat.messages(), () -> UsageTap.promptOf(body));
            }
            case COMPLETION -> {
                CompletionRequest completion = RequestReader.bind(body, CompletionRequest.class);
                yield new Parsed(completion.streaming(), completion.wantsStreamUsage(), completion.maxTokens(), null,
                        () -> ContentText.of(completion.prompt()));
            }
            case EMBEDDINGS -> {
                EmbeddingRequest embedding = RequestReader.bind(body, EmbeddingRequest.class);
                yield new Parsed(false, false, null, null, () -> ContentText.of(embedding.input()));
            }
            case MESSAGES -> throw new IllegalArgumentException("messages go through the Anthropic handler");
        };
    }

    private static void relayWhole(CallContext call, HttpClientResponse upstream, ServerResponse response) {
        long start = System.nanoTime();
        byte[] answer;
        try {
            answer = upstream.inputStream().readAllBytes();
        } catch (IOException | UncheckedIOException e) {
            throw dev.sovereign.api.error.ApiErrors.upstreamFailed(502, call.target.backend().name(),
                    "the answer broke off: " + e.getMessage());
        }
        call.upstreamNanos += System.nanoTime() - start;
        call.status = upstream.status().code();
        if (call.status < 400) {
            call.markFirstToken();
            try {
                UsageFields.readWhole(WireJson.mapper().readTree(answer), call);
            } catch (IOException e) {
                // not JSON: relay it as it is, without usage
            }
        } else {
            call.errorType = "upstream_" + call.status;
        }
        call.writeHeaders(response);
        response.status(call.status);
        call.settle();
        if (call.status >= 400 && !UpstreamErrorBody.isOpenAiShape(answer)) {
            response.header(HeaderValues.CONTENT_TYPE_JSON);
            response.send(UpstreamErrorBody.wrap(call.status, call.target.backend().name(), answer));
            return;
        }
        upstream.headers().contentType().ifPresent(type -> response.header(HeaderNames.CONTENT_TYPE, type.text()));
        response.send(answer);
    }
}
