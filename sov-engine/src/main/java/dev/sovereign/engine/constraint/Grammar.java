package dev.sovereign.engine.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A document the output must be: its starting state (a stack of frames). Build one with the static factories. */
public final class Grammar {

    private final MatchState start;
    private final String key;

    private Grammar(MatchState start, String key) {
        this.start = start;
        this.key = key;
    }

    /** response_format json_object: any JSON object. */
    public static Grammar jsonObject() {
        return value(ValueShape.ObjectShape.ANY, "json_object");
    }

    /**
     * response_format json_schema: a value valid against {@code schema}.
     *
     * @param field the schema's path in the request, for errors
     * @throws UnsupportedSchemaException naming the keyword the constraint cannot enforce
     */
    public static Grammar jsonSchema(JsonNode schema, String field) {
        return value(JsonSchemaCompiler.compile(schema, field), "json_schema:" + schema);
    }

    /** A tool a call may name: its parameters schema (null: any object) and that schema's path in the request. */
    public record OfferedTool(String name, JsonNode parameters, String field) {
    }

    /**
     * tool_choice required (any offered tool, {@code named} null) or a named function (the prompt has written its
     * head already): a hermes call whose arguments are valid against the tool's parameters, optionally closed by
     * {@code closeTag}.
     */
    public static Grammar toolCall(List<OfferedTool> tools, String named, String closeTag) {
        Map<String, ValueShape> arguments = new LinkedHashMap<>();
        StringBuilder key = new StringBuilder("tool_call:").append(named).append(':').append(closeTag);
        for (OfferedTool tool : tools) {
            if (named != null && !named.equals(tool.name())) {
                continue;
            }
            arguments.putIfAbsent(tool.name(), tool.parameters() == null || tool.parameters().isNull()
                    ? ValueShape.ObjectShape.ANY : JsonSchemaCompiler.compile(tool.parameters(), tool.field()));
            key.append('\n').append(tool.name()).append('=').append(tool.parameters());
        }
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("no offered tool is named " + named);
        }
        return toolCall(arguments, named == null ? "" : "named", closeTag, key.toString());
    }

    /** One JSON value of the shape (response_format json_object / json_schema), then the end. */
    static Grammar value(ValueShape shape, String key) {
        MatchState bottom = new MatchState(new EndFrame(new byte[0], 0), null);
        return new Grammar(new MatchState(new ValueFrame(shape, 0), bottom), key);
    }

    /**
     * One hermes tool call of an offered tool, after the prompt's {@code <tool_call>}: its JSON, then optionally
     * {@code closeTag}, then the end.
     *
     * @param argumentsByName each tool's arguments shape, in the order offered
     * @param prefixWritten   the head already written by the prompt (a named tool_choice), or "" for any tool
     */
    static Grammar toolCall(Map<String, ValueShape> argumentsByName, String prefixWritten, String closeTag, String key) {
        Map<String, ValueShape> heads = new LinkedHashMap<>();
        if (!prefixWritten.isEmpty()) {
            heads.put("", argumentsByName.values().iterator().next());
        } else {
            argumentsByName.forEach((name, shape) -> heads.put(
                    "{\"name\": " + new String(ValueShape.Literals.json(name), StandardCharsets.UTF_8) + ", \"arguments\": ",
                    shape));
        }
        Map.Entry<byte[], ValueShape>[] sorted = heads.entrySet().stream()
                .map(e -> Map.entry(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue()))
                .sorted(Comparator.comparing(Map.Entry::getKey, Arrays::compareUnsigned))
                .toArray(Map.Entry[]::new);
        CallFrame.ToolCalls calls = new CallFrame.ToolCalls(
                Arrays.stream(sorted).map(Map.Entry::getKey).toArray(byte[][]::new),
                Arrays.stream(sorted).map(Map.Entry::getValue).toArray(ValueShape[]::new));
        MatchState bottom = new MatchState(new EndFrame(closeTag.getBytes(StandardCharsets.UTF_8), 0), null);
        return new Grammar(new MatchState(CallFrame.start(calls), bottom), key);
    }

    MatchState start() {
        return start;
    }

    /** What identifies the grammar in the cache (the canonical text of what it was built from). */
    String key() {
        return key;
    }

    /** True when {@code text} is a complete document of this grammar (tests). */
    boolean accepts(String text) {
        MatchState state = start.advance(text.getBytes(StandardCharsets.UTF_8));
        return state != null && state.accepting();
    }
}
