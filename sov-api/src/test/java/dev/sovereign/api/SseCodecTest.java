package dev.sovereign.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ChatCompletionChunk;
import dev.sovereign.api.openai.Usage;
import dev.sovereign.api.sse.SseEvent;
import dev.sovereign.api.sse.SseReader;
import dev.sovereign.api.sse.SseWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseCodecTest {

    private static List<SseEvent> readAll(String text) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                events.add(e);
            }
        }
        return events;
    }

    @Test
    void readsNamedMultiLineAndCommentedEventsWithAnyLineEnding() throws IOException {
        List<SseEvent> events = readAll(": keep-alive\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\ndata: one\ndata: two\n\ndata:[DONE]\r\rdata: tail");
        assertThat(events).containsExactly(
                new SseEvent("message_start", "{\"a\":1}"),
                new SseEvent(null, "one\ntwo"),
                new SseEvent(null, "[DONE]"),
                new SseEvent(null, "tail"));
        assertThat(events.get(2).isDone()).isTrue();
    }

    @Test
    void writerOutputReadsBackUnchanged() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SseWriter writer = new SseWriter(out);
        writer.send(new SseEvent("ping", "{}"));
        writer.send(SseEvent.data("line1\nline2"));
        writer.sendJson("content_block_stop", java.util.Map.of("index", 0));
        writer.done();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("event: ping\ndata: {}\n\ndata: line1\ndata: line2\n\n");
        assertThat(readAll(out.toString(StandardCharsets.UTF_8))).containsExactly(
                new SseEvent("ping", "{}"), SseEvent.data("line1\nline2"),
                new SseEvent("content_block_stop", "{\"index\":0}"), SseEvent.data("[DONE]"));
    }

    @Test
    void usageChunkKeepsAnEmptyChoicesListAndSnakeCaseNames() {
        ChatCompletionChunk chunk = new ChatCompletionChunk("id", ChatCompletionChunk.OBJECT, 1, "m", List.of(), Usage.of(3, 4, 2));
        String json = WireJson.writeString(chunk);
        assertThat(json).contains("\"choices\":[]").contains("\"prompt_tokens\":3").contains("\"cached_tokens\":2");
        ChatCompletionChunk back = WireJson.readTrusted(json.getBytes(StandardCharsets.UTF_8), ChatCompletionChunk.class);
        assertThat(back.isUsageOnly()).isTrue();
        assertThat(back.usage().totalTokens()).isEqualTo(7);
    }
}
