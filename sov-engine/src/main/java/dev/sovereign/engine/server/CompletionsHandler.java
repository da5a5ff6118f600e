package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.Completion;
import dev.sovereign.api.openai.CompletionRequest;
import dev.sovereign.api.sse.SseWriter;
import dev.sovereign.engine.constraint.Grammar;
import dev.sovereign.engine.constraint.Guides;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SamplingOptions;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/completions}: a raw prompt (special-token text such as Continue's FIM markers is parsed), or
 * {@code prompt} plus {@code suffix} rendered with the model's FIM tokens.
 */
final class CompletionsHandler {

    private final ServingEngine engine;
    private final FimPrompt fim;
    private final Guides guides;

    CompletionsHandler(ServingEngine engine) {
        this.engine = engine;
        this.fim = FimPrompt.of(engine.tokenizer());
        this.guides = new Guides(engine.tokenizer());
    }

    void handle(ObjectNode body, ServerResponse response) {
        CompletionRequest request = RequestReader.bind(body, CompletionRequest.class);
        ModelName.check(request.model(), engine);
        Grammar grammar = StructuredOutput.responseFormat(body.get("response_format"));
        int[] tokens = promptTokens(request);
        PromptLength.check(tokens.length, engine.maxModelLen(), "prompt");
        SamplingOptions options = SamplingRequest.read(body, tokens.length, engine.maxModelLen(), false);
        ChoiceCount count = ChoiceCount.read(body, engine.settings().maxNumSeqs(), request.streaming());
        String echo = Boolean.TRUE.equals(request.echo()) ? engine.tokenizer().decode(tokens) : "";
        Generation generation = new Generation(engine, tokens, options, count.bestOf(), count.ranked(),
                grammar == null ? null : () -> guides.guide(grammar));
        String model = engine.settings().servedModelName();
        String id = generation.id("cmpl-");
        if (request.streaming()) {
            stream(generation, count.n(), response, id, model, echo, request.wantsStreamUsage());
            return;
        }
        List<Generation.Finished> returned = count.returned(generation.collectAll());
        List<Completion.Choice> choices = new ArrayList<>();
        for (int i = 0; i < returned.size(); i++) {
            choices.add(new Completion.Choice(i, echo + returned.get(i).text(), returned.get(i).completion().reason()));
        }
        Completion completion = new Completion(id, Completion.OBJECT, generation.created(), model, choices, generation.usage());
        ObjectNode tree = WireJson.mapper().valueToTree(completion);
        if (options.logprobs()) {
            for (int i = 0; i < returned.size(); i++) {
                ((ObjectNode) tree.path("choices").get(i)).set("logprobs",
                        Logprobs.completion(engine.tokenizer(), returned.get(i).tokens()));
            }
        }
        HttpReplies.json(response, 200, tree);
    }

    private int[] promptTokens(CompletionRequest request) {
        JsonNode prompt = request.prompt();
        if (prompt.isArray()) {
            if (prompt.size() == 1 && prompt.get(0).isTextual()) {
                prompt = prompt.get(0);
            } else {
                int[] ids = new int[prompt.size()];
                for (int i = 0; i < ids.length; i++) {
                    JsonNode id = prompt.get(i);
                    if (!id.isIntegralNumber() || id.asInt() < 0 || id.asInt() >= engine.tokenizer().vocabularySize()) {
                        throw ApiErrors.invalidField("prompt", "expected one string or an array of token ids below "
                                + engine.tokenizer().vocabularySize() + " (batched prompts are not supported)");
                    }
                    ids[i] = id.asInt();
                }
                return ids;
            }
        }
        String text = request.suffix() != null ? FimPrompt.render(fim, prompt.asText(), request.suffix()) : prompt.asText();
        return engine.tokenizer().encode(text, true, true);
    }

    private void stream(Generation generation, int choices, ServerResponse response, String id, String model, String echo,
            boolean includeUsage) {
        HttpReplies.startStream(response);
        try (OutputStream stream = response.outputStream()) {
            SseWriter out = new SseWriter(stream);
            for (int i = 0; i < choices && !echo.isEmpty(); i++) {
                out.sendJson(chunk(id, generation, model, i, echo, null));
            }
            while (generation.running()) {
                OutputQueue.Event event = generation.next();
                if (event instanceof OutputQueue.Piece piece && !piece.text().isEmpty()) {
                    out.sendJson(chunk(id, generation, model, piece.choice(), piece.text(), null));
                } else if (event instanceof OutputQueue.Done done) {
                    out.sendJson(chunk(id, generation, model, done.choice(), "", done.completion().reason()));
                }
            }
            if (includeUsage) {
                out.sendJson(new Completion(id, Completion.OBJECT, generation.created(), model, List.of(), generation.usage()));
            }
            out.done();
        } catch (IOException | RuntimeException e) {
            // headers are gone already, so nothing else can be told: the client left or the run failed mid-stream
            StreamEnd.failed(generation, e);
        }
    }

    private static Completion chunk(String id, Generation generation, String model, int choice, String text,
            String finishReason) {
        return new Completion(id, Completion.OBJECT, generation.created(), model,
                List.of(new Completion.Choice(choice, text, finishReason)), null);
    }
}
