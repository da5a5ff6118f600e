package dev.sovereign.engine.toolcall;

/** One tool call found in model output: the function name and its arguments as a JSON string. */
public record ParsedCall(String name, String arguments) {
}
