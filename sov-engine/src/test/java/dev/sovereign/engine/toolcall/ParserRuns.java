package dev.sovereign.engine.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Feeds a parser a text cut every way a generation could cut it (pieces of every size, and two pieces split at every
 * position) and checks that each stream puts together to what the whole text gives at once.
 */
final class ParserRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParserRuns() {
    }

    /** Tools offered by name, each with an object schema of the given parameter types. */
    static OfferedTools tools(Map<String, Map<String, String>> typesByTool) {
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        typesByTool.forEach((name, types) -> {
            var schema = JSON.createObjectNode().put("type", "object");
            var properties = schema.putObject("properties");
            types.forEach((parameter, type) -> properties.putObject(parameter).put("type", type));
            schemas.put(name, schema);
        });
        return new OfferedTools(schemas);
    }

    static OfferedTools tools(String... names) {
        Map<String, Map<String, String>> types = new LinkedHashMap<>();
        for (String name : names) {
            types.put(name, Map.of());
        }
        return tools(types);
    }

    /** The whole text's answer, after checking that every cut of it streams to the same. */
    static ParsedAnswer parse(Supplier<ToolCallParser> parsers, String text) {
        ParsedAnswer whole = ParsedAnswer.parse(parsers.get(), text);
        for (int size = 1; size <= text.length(); size++) {
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < text.length(); i += size) {
                pieces.add(text.substring(i, Math.min(text.length(), i + size)));
            }
            assertThat(ParsedAnswer.of(stream(parsers.get(), pieces))).as("pieces of %d", size).isEqualTo(whole);
        }
        for (int at = 1; at < text.length(); at++) {
            List<String> pieces = List.of(text.substring(0, at), text.substring(at));
            assertThat(ParsedAnswer.of(stream(parsers.get(), pieces))).as("split at %d", at).isEqualTo(whole);
        }
        return whole;
    }

    /** The deltas of a text fed one character at a time. */
    static List<ToolCallDelta> byCharacter(ToolCallParser parser, String text) {
        List<String> pieces = new ArrayList<>();
        text.codePoints().forEach(c -> pieces.add(Character.toString(c)));
        return stream(parser, pieces);
    }

    static List<ToolCallDelta> stream(ToolCallParser parser, List<String> pieces) {
        List<ToolCallDelta> deltas = new ArrayList<>();
        for (String piece : pieces) {
            deltas.addAll(parser.offer(piece));
        }
        deltas.addAll(parser.finish());
        return deltas;
    }

    /** How many argument fragments call {@code index} arrived in. */
    static long fragments(List<ToolCallDelta> deltas, int index) {
        return deltas.stream().filter(d -> d instanceof ToolCallDelta.Arguments a && a.index() == index).count();
    }

    /** A call's arguments as JSON, to compare by value. */
    static JsonNode arguments(ParsedCall call) {
        try {
            return JSON.readTree(call.arguments());
        } catch (java.io.IOException e) {
            throw new AssertionError("arguments are not JSON: " + call.arguments(), e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
