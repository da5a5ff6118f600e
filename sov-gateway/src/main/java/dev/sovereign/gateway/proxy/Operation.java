package dev.sovereign.gateway.proxy;

/** The OpenAI endpoints the gateway forwards, with their {@code gen_ai.operation.name}. */
public enum Operation {
    CHAT("chat", "/v1/chat/completions"),
    COMPLETION("text_completion", "/v1/completions"),
    EMBEDDINGS("embeddings", "/v1/embeddings"),
    MESSAGES("messages", "/v1/chat/completions");

    private final String metricName;
    private final String upstreamPath;

    Operation(String metricName, String upstreamPath) {
        this.metricName = metricName;
        this.upstreamPath = upstreamPath;
    }

    public String metricName() {
        return metricName;
    }

    /** Where the backend serves it; Anthropic messages are translated to chat completions. */
    public String upstreamPath() {
        return upstreamPath;
    }

    public boolean producesOutput() {
        return this != EMBEDDINGS;
    }
}
