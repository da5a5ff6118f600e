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
import dev.sovereign.api.openai.Usage;
import dev.sovereign.api.sse.SseWriter;
import dev.sovereign.engine.reasoning.ReasoningParser;
import dev.sovereign.engine.runner.SequenceListener;
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

/**
 * {@code POST /v1/chat/completions}: the model's chat template, tool calls and reasoning split out of the answer
 * (ADR 0137, 0138), streamed or whole.
 */
final class ChatCompletionsHandler {

    private final ServingEngine engine;
    private final String toolCallParser;
    private final String reasoningParser;

    /** @param toolCallParser a name of {@link ToolCallParsers} or null; reasoningParser likewise, or null */
    ChatCompletionsHandler(ServingEngine engine, String toolCallParser, String reasoningParser) {
        this.engine = engine;
        this.toolCallParser = toolCallParser;
        this.reasoningParser = reasoningParser;
    }

    void handle(ObjectNode body, ServerResponse response) {
        ChatCompletionRequest request = RequestReader.bind(body, ChatCompletionRequest.class);
        ModelName.check(request.model(), engine);
        boolean hasTools = request.tools() != null && !request.tools().isEmpty();
        if (hasTools && toolCallParser == null && !"none".equals(ChatPrompt.choiceOf(request.toolChoice(), request.tools()))) {
            throw ApiErrors.invalidField("tools", "this server runs without --tool-call-parser, so it cannot return tool calls");
        }
        ChatPrompt.Rendered prompt = ChatPrompt.render(chatTemplate(request.model()), request.messages(), request.tools(),
                request.toolChoice(), ChatTemplateKwargs.read(body));
        int[] tokens = engine.tokenizer().encode(prompt.text(), false, true);
        PromptLength.check(tokens.length, engine.maxModelLen(), "messages");
        SamplingOptions options = SamplingRequest.read(body, tokens.length, engine.maxModelLen(), true);
        boolean parseTools = hasTools && toolCallParser != null && !"none".equals(ChatPrompt.choiceOf(request.toolChoice(), request.tools()));
        Generation generation = new Generation(engine, tokens, options);
        String model = engine.settings().servedModelName();
        List<ToolCallDelta> opening = new ArrayList<>();
        AnswerParts parts = answerParts(prompt, request, parseTools, opening);
        if (request.streaming()) {
            stream(generation, response, model, parts, opening, request.wantsStreamUsage(), options.logprobs());
            return;
        }
        Generation.Finished done = generation.collect();
        String content = done.text();
        String reasoning = null;
        List<ToolCall> calls = null;
        if (parts != null) {
            AnswerParts.Parts whole = parts.whole(content);
            List<ToolCallDelta> deltas = new ArrayList<>(opening);
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
        ChatCompletion completion = new ChatCompletion(generation.id("chatcmpl-"), ChatCompletion.OBJECT, generation.created(),
                model, List.of(new ChatCompletion.Choice(0, message, called ? "tool_calls" : done.completion().reason())),
                usage(done.completion()), null);
        ObjectNode tree = WireJson.mapper().valueToTree(completion);
        if (options.logprobs()) {
            ((ObjectNode) tree.path("choices").get(0)).set("logprobs", Logprobs.chat(engine.tokenizer(), generation.tokens()));
        }
        HttpReplies.json(response, 200, tree);
    }

    private void stream(Generation generation, ServerResponse response, String model, AnswerParts parser,
            List<ToolCallDelta> opening, boolean includeUsage, boolean logprobs) {
        HttpReplies.startStream(response);
        String id = generation.id("chatcmpl-");
        try (OutputStream stream = response.outputStream()) {
            SseWriter out = new SseWriter(stream);
            ChunkWriter chunks = new ChunkWriter(out, id, generation.created(), model);
            chunks.delta(new ChatCompletionChunk.Delta("assistant", "", null, null), null);
            int calls = emit(chunks, new AnswerParts.Parts("", opening));
            while (true) {
                OutputQueue.Event event = generation.next();
                if (event instanceof OutputQueue.Piece piece) {
                    if (parser == null) {
                        if (logprobs && piece.token() != null) {
                            chunks.withLogprobs(ChatCompletionChunk.Delta.text(piece.text()),
                                    Logprobs.chat(engine.tokenizer(), List.of(piece.token())));
                        } else if (!piece.text().isEmpty()) {
                            chunks.delta(ChatCompletionChunk.Delta.text(piece.text()), null);
                        }
                        continue;
                    }
                    calls += emit(chunks, parser.offer(piece.text()));
                } else if (event instanceof OutputQueue.Done done) {
                    if (parser != null) {
                        calls += emit(chunks, parser.finish());
                    }
                    chunks.delta(new ChatCompletionChunk.Delta(null, null, null, null),
                            calls > 0 ? "tool_calls" : done.completion().reason());
                    if (includeUsage) {
                        out.sendJson(new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, generation.created(), model,
                                List.of(), usage(done.completion())));
                    }
                    out.done();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // headers are gone already, so nothing else can be told: the client left or the run failed mid-stream
            StreamEnd.failed(generation, e);
        }
    }

    /**
     * Sends a piece's parts in order: reasoning, content, and each call as vLLM streams it, first a delta with its
     * id, type and name, then its arguments in fragments as they are written. Returns the calls it opened.
     */
    private static int emit(ChunkWriter chunks, AnswerParts.Parts parts) throws IOException {
        if (!parts.reasoning().isEmpty()) {
            chunks.delta(new ChatCompletionChunk.Delta(null, null, parts.reasoning(), null), null);
        }
        int opened = 0;
        StringBuilder content = new StringBuilder();
        for (ToolCallDelta delta : parts.deltas()) {
            if (delta instanceof ToolCallDelta.Content text) {
                content.append(text.text());
                continue;
            }
            if (!content.isEmpty()) {
                chunks.delta(ChatCompletionChunk.Delta.text(content.toString()), null);
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
            chunks.delta(new ChatCompletionChunk.Delta(null, null, null, List.of(call)), null);
        }
        if (!content.isEmpty()) {
            chunks.delta(ChatCompletionChunk.Delta.text(content.toString()), null);
        }
        return opened;
    }

    /**
     * The parsers this answer goes through, or null when it is plain text. A call the prompt opened (tool_choice
     * required or named) is fed its opening first; what that gives is put in {@code opening}.
     */
    private AnswerParts answerParts(ChatPrompt.Rendered prompt, ChatCompletionRequest request, boolean parseTools,
            List<ToolCallDelta> opening) {
        if (!parseTools && reasoningParser == null) {
            return null;
        }
        ReasoningParser reasoning = reasoningParser == null ? null : ReasoningParser.create(reasoningParser, prompt.text());
        if (!parseTools) {
            return new AnswerParts(reasoning, null);
        }
        Map<String, com.fasterxml.jackson.databind.JsonNode> offered = new LinkedHashMap<>();
        request.tools().forEach(tool -> offered.put(tool.function().name(), java.util.Objects.requireNonNullElse(
                tool.function().parameters(), com.fasterxml.jackson.databind.node.MissingNode.getInstance())));
        var tools = ToolCallParsers.create(toolCallParser, new OfferedTools(offered), prompt.insideCall());
        opening.addAll(tools.offer(prompt.forcedPrefix()));
        // the prompt already opened the call, so the answer starts inside it: no reasoning comes first
        return new AnswerParts(prompt.insideCall() ? null : reasoning, tools);
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

    static Usage usage(SequenceListener.Completion c) {
        return Usage.of(c.promptTokens(), c.completionTokens(), c.cachedTokens());
    }

    private static String callId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** Writes chat chunks of one stream. */
    private record ChunkWriter(SseWriter out, String id, long created, String model) {
        void delta(ChatCompletionChunk.Delta delta, String finishReason) throws IOException {
            out.sendJson(chunk(delta, finishReason));
        }

        /** A content delta carrying the log-probabilities of the token it came from (one per chunk, as OpenAI). */
        void withLogprobs(ChatCompletionChunk.Delta delta, ObjectNode logprobs) throws IOException {
            ObjectNode tree = WireJson.mapper().valueToTree(chunk(delta, null));
            ((ObjectNode) tree.path("choices").get(0)).set("logprobs", logprobs);
            out.sendJson(tree);
        }

        private ChatCompletionChunk chunk(ChatCompletionChunk.Delta delta, String finishReason) {
            return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model,
                    List.of(new ChatCompletionChunk.Choice(0, delta, finishReason)), null);
        }
    }
}
