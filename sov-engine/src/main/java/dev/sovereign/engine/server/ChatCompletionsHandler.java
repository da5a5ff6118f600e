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
import dev.sovereign.engine.reasoning.ReasoningParser;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.template.ChatTemplate;
import dev.sovereign.engine.template.ChatTemplateException;
import dev.sovereign.engine.toolcall.OfferedTools;
import dev.sovereign.engine.toolcall.ParsedAnswer;
import dev.sovereign.engine.toolcall.ParsedCall;
import dev.sovereign.engine.toolcall.ToolCallDelta;
import dev.sovereign.engine.toolcall.ToolCallParsers;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /v1/chat/completions}: the model's chat template, tool calls and reasoning split out of the answer
 * (ADR 0137, 0138), several choices (ADR 0139), output held to a grammar (ADR 0135), streamed or whole.
 */
final class ChatCompletionsHandler {

    private final ServingEngine engine;
    private final String toolCallParser;
    private final String reasoningParser;
    private final Guides guides;

    /** @param toolCallParser a name of {@link ToolCallParsers} or null; reasoningParser likewise, or null */
    ChatCompletionsHandler(ServingEngine engine, String toolCallParser, String reasoningParser) {
        this.engine = engine;
        this.toolCallParser = toolCallParser;
        this.reasoningParser = reasoningParser;
        this.guides = new Guides(engine.tokenizer());
    }

    void handle(ObjectNode body, ServerResponse response) {
        ChatCompletionRequest request = RequestReader.bind(body, ChatCompletionRequest.class);
        ModelName.check(request.model(), engine);
        boolean hasTools = request.tools() != null && !request.tools().isEmpty();
        String choice = ChatPrompt.choiceOf(request.toolChoice(), request.tools());
        if (hasTools && toolCallParser == null && !"none".equals(choice)) {
            throw ApiErrors.invalidField("tools", "this server runs without --tool-call-parser, so it cannot return tool calls");
        }
        boolean parseTools = hasTools && toolCallParser != null && !"none".equals(choice);
        // a forced tool call is the whole output, so its grammar wins over response_format; a schema the constraint
        // cannot enforce is refused before anything else is done for the request
        Grammar grammar = parseTools ? StructuredOutput.toolChoice(choice, request.tools()) : null;
        if (grammar == null) {
            grammar = StructuredOutput.responseFormat(body.get("response_format"));
        }
        ChatPrompt.Rendered prompt = ChatPrompt.render(chatTemplate(request.model()), request.messages(), request.tools(),
                request.toolChoice(), ChatTemplateKwargs.read(body));
        int[] tokens = engine.tokenizer().encode(prompt.text(), false, true);
        PromptLength.check(tokens.length, engine.maxModelLen(), "messages");
        SamplingOptions options = SamplingRequest.read(body, tokens.length, engine.maxModelLen(), true);
        ChoiceCount count = ChoiceCount.read(body, engine.settings().maxNumSeqs(), request.streaming());
        Grammar constraint = grammar;
        Generation generation = new Generation(engine, tokens, options, count.bestOf(), count.ranked(),
                constraint == null ? null : () -> guides.guide(constraint));
        String model = engine.settings().servedModelName();
        Supplier<ChoiceParts> parsers = () -> choiceParts(prompt, request, parseTools);
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

    /**
     * One finished choice as a message: its text, its reasoning and the tool calls its parsers (when it has them) find
     * in it.
     */
    private static ChatCompletion.Choice choice(int index, Generation.Finished done, ChoiceParts parsers) {
        String content = done.text();
        List<ToolCall> calls = null;
        String reasoning = null;
        if (parsers.parts() != null) {
            AnswerParts.Parts whole = parsers.parts().whole(content);
            List<ToolCallDelta> deltas = new ArrayList<>(parsers.opening());
            deltas.addAll(whole.deltas());
            ParsedAnswer answer = ParsedAnswer.of(deltas);
            content = answer.content();
            reasoning = whole.reasoning().isEmpty() ? null : whole.reasoning();
            calls = new ArrayList<>();
            for (ParsedCall call : answer.calls()) {
                calls.add(ToolCall.function(callId(), call.name(), call.arguments()));
            }
        }
        boolean called = calls != null && !calls.isEmpty();
        ChatMessage message = new ChatMessage("assistant", called && content.isBlank() ? null
                : com.fasterxml.jackson.databind.node.TextNode.valueOf(content), null, called ? calls : null, null,
                reasoning);
        return new ChatCompletion.Choice(index, message, called ? "tool_calls" : done.completion().reason());
    }

    /** Streams every choice's chunks as they come, each with its index; each choice has its own parsers. */
    private void stream(Generation generation, int choices, ServerResponse response, String model,
            Supplier<ChoiceParts> parsers, boolean includeUsage, boolean logprobs) {
        HttpReplies.startStream(response);
        String id = generation.id("chatcmpl-");
        try (OutputStream stream = response.outputStream()) {
            SseWriter out = new SseWriter(stream);
            ChunkWriter chunks = new ChunkWriter(out, id, generation.created(), model);
            AnswerParts[] parser = new AnswerParts[choices];
            int[] calls = new int[choices];
            for (int i = 0; i < choices; i++) {
                ChoiceParts own = parsers.get();
                parser[i] = own.parts();
                chunks.delta(i, new ChatCompletionChunk.Delta("assistant", "", null, null), null);
                calls[i] = emit(chunks, i, new AnswerParts.Parts("", own.opening()));
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
                    calls[i] += emit(chunks, i, parser[i].offer(piece.text()));
                } else if (event instanceof OutputQueue.Done done) {
                    if (parser[i] != null) {
                        calls[i] += emit(chunks, i, parser[i].finish());
                    }
                    chunks.delta(i, new ChatCompletionChunk.Delta(null, null, null, null),
                            calls[i] > 0 ? "tool_calls" : done.completion().reason());
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

    /**
     * Sends a piece's parts of one choice in order: reasoning, content, and each call as vLLM streams it, first a delta
     * with its id, type and name, then its arguments in fragments as they are written. Returns the calls it opened.
     */
    private static int emit(ChunkWriter chunks, int choice, AnswerParts.Parts parts) throws IOException {
        if (!parts.reasoning().isEmpty()) {
            chunks.delta(choice, new ChatCompletionChunk.Delta(null, null, parts.reasoning(), null), null);
        }
        int opened = 0;
        StringBuilder content = new StringBuilder();
        for (ToolCallDelta delta : parts.deltas()) {
            if (delta instanceof ToolCallDelta.Content text) {
                content.append(text.text());
                continue;
            }
            if (!content.isEmpty()) {
                chunks.delta(choice, ChatCompletionChunk.Delta.text(content.toString()), null);
                content.setLength(0);
            }
            ToolCall call = switch (delta) {
                case ToolCallDelta.CallOpened o -> new ToolCall(o.index(), callId(), "function",
                        new ToolCall.FunctionCall(o.name(), ""));
                case ToolCallDelta.Arguments a -> new ToolCall(a.index(), null, null,
                        new ToolCall.FunctionCall(null, a.fragment()));
                case ToolCallDelta.Content c -> throw new IllegalStateException("content is sent above");
            };
            opened += delta instanceof ToolCallDelta.CallOpened ? 1 : 0;
            chunks.delta(choice, new ChatCompletionChunk.Delta(null, null, null, List.of(call)), null);
        }
        if (!content.isEmpty()) {
            chunks.delta(choice, ChatCompletionChunk.Delta.text(content.toString()), null);
        }
        return opened;
    }

    /** One choice's parsers ({@code parts} null: plain text) and what feeding them the prompt's opening of a call gave. */
    private record ChoiceParts(AnswerParts parts, List<ToolCallDelta> opening) {
    }

    /**
     * A choice's parsers: reasoning and tool calls in the server's format, or none when the answer is plain text. A call
     * the prompt opened (tool_choice required or named) is read as the hermes call it is, and fed its opening first.
     */
    private ChoiceParts choiceParts(ChatPrompt.Rendered prompt, ChatCompletionRequest request, boolean parseTools) {
        if (!parseTools && reasoningParser == null) {
            return new ChoiceParts(null, List.of());
        }
        ReasoningParser reasoning = reasoningParser == null ? null : ReasoningParser.create(reasoningParser, prompt.text());
        if (!parseTools) {
            return new ChoiceParts(new AnswerParts(reasoning, null), List.of());
        }
        Map<String, com.fasterxml.jackson.databind.JsonNode> offered = new LinkedHashMap<>();
        request.tools().forEach(tool -> offered.put(tool.function().name(), java.util.Objects.requireNonNullElse(
                tool.function().parameters(), com.fasterxml.jackson.databind.node.MissingNode.getInstance())));
        var tools = ToolCallParsers.create(toolCallParser, new OfferedTools(offered), prompt.insideCall());
        List<ToolCallDelta> opening = new ArrayList<>(tools.offer(prompt.forcedPrefix()));
        // the prompt already opened the call, so the answer starts inside it: no reasoning comes first
        return new ChoiceParts(new AnswerParts(prompt.insideCall() ? null : reasoning, tools), opening);
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
