package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ChatCompletion;
import dev.sovereign.api.openai.ChatCompletionChunk;
import dev.sovereign.api.openai.ChatCompletionRequest;
import dev.sovereign.api.openai.ChatMessage;
import dev.sovereign.api.openai.ToolCall;
import dev.sovereign.api.sse.SseWriter;
import dev.sovereign.engine.constraint.Grammar;
import dev.sovereign.engine.constraint.Guides;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.template.ChatTemplate;
import dev.sovereign.engine.template.ChatTemplateException;
import dev.sovereign.engine.toolcall.HermesToolCallParser;
import dev.sovereign.engine.toolcall.ParsedCall;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@code POST /v1/chat/completions}: the model's chat template, hermes tool calls, streamed or whole. */
final class ChatCompletionsHandler {

    private final ServingEngine engine;
    private final boolean toolParser;
    private final Guides guides;

    ChatCompletionsHandler(ServingEngine engine, boolean toolParser) {
        this.engine = engine;
        this.toolParser = toolParser;
        this.guides = new Guides(engine.tokenizer());
    }

    void handle(ObjectNode body, ServerResponse response) {
        ChatCompletionRequest request = RequestReader.bind(body, ChatCompletionRequest.class);
        ModelName.check(request.model(), engine);
        boolean hasTools = request.tools() != null && !request.tools().isEmpty();
        String choice = ChatPrompt.choiceOf(request.toolChoice(), request.tools());
        if (hasTools && !toolParser && !"none".equals(choice)) {
            throw ApiErrors.invalidField("tools", "this server runs without --tool-call-parser, so it cannot return tool calls");
        }
        boolean parseTools = hasTools && toolParser && !"none".equals(choice);
        // a forced tool call is the whole output, so its grammar wins over response_format; a schema the constraint
        // cannot enforce is refused before anything else is done for the request
        Grammar grammar = parseTools ? StructuredOutput.toolChoice(choice, request.tools()) : null;
        if (grammar == null) {
            grammar = StructuredOutput.responseFormat(body.get("response_format"));
        }
        ChatPrompt.Rendered prompt = ChatPrompt.render(chatTemplate(request.model()), request.messages(), request.tools(),
                request.toolChoice());
        int[] tokens = engine.tokenizer().encode(prompt.text(), false, true);
        PromptLength.check(tokens.length, engine.maxModelLen(), "messages");
        SamplingOptions options = SamplingRequest.read(body, tokens.length, engine.maxModelLen(), true);
        ChoiceCount count = ChoiceCount.read(body, engine.settings().maxNumSeqs(), request.streaming());
        Grammar constraint = grammar;
        Generation generation = new Generation(engine, tokens, options, count.bestOf(), count.ranked(),
                constraint == null ? null : () -> guides.guide(constraint));
        String model = engine.settings().servedModelName();
        Supplier<HermesToolCallParser> parsers = parseTools ? () -> parser(prompt, request) : () -> null;
        if (request.streaming()) {
            stream(generation, count.n(), response, model, parsers, request.wantsStreamUsage(), options.logprobs());
            return;
        }
        List<Generation.Finished> returned = count.returned(generation.collectAll());
        List<ChatCompletion.Choice> choices = new ArrayList<>();
        for (int i = 0; i < returned.size(); i++) {
            choices.add(choice(i, returned.get(i), parsers.get()));
        }
        ChatCompletion completion = new ChatCompletion(generation.id("chatcmpl-"), ChatCompletion.OBJECT, generation.created(),
                model, choices, generation.usage(), null);
        ObjectNode tree = WireJson.mapper().valueToTree(completion);
        if (options.logprobs()) {
            for (int i = 0; i < returned.size(); i++) {
                ((ObjectNode) tree.path("choices").get(i)).set("logprobs", Logprobs.chat(engine.tokenizer(), returned.get(i).tokens()));
            }
        }
        HttpReplies.json(response, 200, tree);
    }

    /** One finished choice as a message: its text, or the tool calls the parser (when there is one) finds in it. */
    private static ChatCompletion.Choice choice(int index, Generation.Finished done, HermesToolCallParser parser) {
        String content = done.text();
        List<ToolCall> calls = null;
        if (parser != null) {
            HermesToolCallParser.Output first = parser.offer(content);
            HermesToolCallParser.Output rest = parser.finish();
            content = first.content() + rest.content();
            calls = new ArrayList<>();
            for (ParsedCall call : concat(first.calls(), rest.calls())) {
                calls.add(ToolCall.function(callId(), call.name(), call.arguments()));
            }
        }
        boolean called = calls != null && !calls.isEmpty();
        ChatMessage message = new ChatMessage("assistant", called && content.isBlank() ? null
                : com.fasterxml.jackson.databind.node.TextNode.valueOf(content), null, called ? calls : null, null, null);
        return new ChatCompletion.Choice(index, message, called ? "tool_calls" : done.completion().reason());
    }

    /** Streams every choice's chunks as they come, each with its index; each choice has its own tool-call parser. */
    private void stream(Generation generation, int choices, ServerResponse response, String model,
            Supplier<HermesToolCallParser> parsers, boolean includeUsage, boolean logprobs) {
        HttpReplies.startStream(response);
        String id = generation.id("chatcmpl-");
        try (OutputStream stream = response.outputStream()) {
            SseWriter out = new SseWriter(stream);
            ChunkWriter chunks = new ChunkWriter(out, id, generation.created(), model);
            HermesToolCallParser[] parser = new HermesToolCallParser[choices];
            int[] callIndex = new int[choices];
            for (int i = 0; i < choices; i++) {
                parser[i] = parsers.get();
                chunks.delta(i, new ChatCompletionChunk.Delta("assistant", "", null, null), null);
            }
            while (generation.running()) {
                OutputQueue.Event event = generation.next();
                int i = event.choice();
                if (event instanceof OutputQueue.Piece piece) {
                    if (parser[i] == null) {
                        if (logprobs && piece.token() != null) {
                            chunks.withLogprobs(i, ChatCompletionChunk.Delta.text(piece.text()),
                                    Logprobs.chat(engine.tokenizer(), List.of(piece.token())));
                        } else if (!piece.text().isEmpty()) {
                            chunks.delta(i, ChatCompletionChunk.Delta.text(piece.text()), null);
                        }
                        continue;
                    }
                    callIndex[i] = emit(chunks, i, parser[i].offer(piece.text()), callIndex[i]);
                } else if (event instanceof OutputQueue.Done done) {
                    if (parser[i] != null) {
                        callIndex[i] = emit(chunks, i, parser[i].finish(), callIndex[i]);
                    }
                    chunks.delta(i, new ChatCompletionChunk.Delta(null, null, null, null),
                            callIndex[i] > 0 ? "tool_calls" : done.completion().reason());
                }
            }
            if (includeUsage) {
                out.sendJson(new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, generation.created(), model,
                        List.of(), generation.usage()));
            }
            out.done();
        } catch (IOException | RuntimeException e) {
            // headers are gone already, so nothing else can be told: the client left or the run failed mid-stream
            StreamEnd.failed(generation, e);
        }
    }

    /** Tool calls stream as OpenAI does: first the id and name, then the arguments. */
    private static int emit(ChunkWriter chunks, int choice, HermesToolCallParser.Output output, int callIndex)
            throws IOException {
        if (!output.content().isEmpty()) {
            chunks.delta(choice, ChatCompletionChunk.Delta.text(output.content()), null);
        }
        for (ParsedCall call : output.calls()) {
            chunks.delta(choice, new ChatCompletionChunk.Delta(null, null, null, List.of(new ToolCall(callIndex, callId(),
                    "function", new ToolCall.FunctionCall(call.name(), "")))), null);
            chunks.delta(choice, new ChatCompletionChunk.Delta(null, null, null, List.of(new ToolCall(callIndex, null, null,
                    new ToolCall.FunctionCall(null, call.arguments())))), null);
            callIndex++;
        }
        return callIndex;
    }

    private static HermesToolCallParser parser(ChatPrompt.Rendered prompt, ChatCompletionRequest request) {
        Set<String> offered = request.tools().stream().map(tool -> tool.function().name()).collect(Collectors.toSet());
        HermesToolCallParser parser = new HermesToolCallParser(prompt.insideCall(), offered);
        parser.offer(prompt.forcedPrefix());
        return parser;
    }

    /** A model without a chat template cannot take messages: the caller's mistake, so a 400 that says what to use. */
    private ChatTemplate chatTemplate(String requested) {
        try {
            return engine.model().chatTemplate();
        } catch (ChatTemplateException e) {
            String name = requested != null ? requested : engine.settings().servedModelName();
            throw ApiErrors.invalidField("model", "'" + name + "' has no chat template (" + e.getMessage()
                    + "), so it cannot answer /v1/chat/completions; send a prompt to /v1/completions instead");
        }
    }

    private static String callId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Writes chat chunks of one stream, each for one choice. */
    private record ChunkWriter(SseWriter out, String id, long created, String model) {
        void delta(int choice, ChatCompletionChunk.Delta delta, String finishReason) throws IOException {
            out.sendJson(chunk(choice, delta, finishReason));
        }

        /** A content delta carrying the log-probabilities of the token it came from (one per chunk, as OpenAI). */
        void withLogprobs(int choice, ChatCompletionChunk.Delta delta, ObjectNode logprobs) throws IOException {
            ObjectNode tree = WireJson.mapper().valueToTree(chunk(choice, delta, null));
            ((ObjectNode) tree.path("choices").get(0)).set("logprobs", logprobs);
            out.sendJson(tree);
        }

        private ChatCompletionChunk chunk(int choice, ChatCompletionChunk.Delta delta, String finishReason) {
            return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model,
                    List.of(new ChatCompletionChunk.Choice(choice, delta, finishReason)), null);
        }
    }
}
