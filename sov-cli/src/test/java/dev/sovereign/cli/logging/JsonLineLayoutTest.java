package dev.sovereign.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A log event becomes exactly one line of valid JSON, whatever its message contains. */
class JsonLineLayoutTest {

    @Test
    void oneEventIsOneParseableLine() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(context);
        layout.start();
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("dev.sovereign.test"), Level.WARN,
                "model {} said \"hi\"\nthen left\t{}", new IllegalStateException("boom"), new Object[] {"sov-tiny", "é😀"});
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("tenant", "team-a"));

        String line = layout.doLayout(event);

        assertThat(line).endsWith("}\n");
        assertThat(line.strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.sovereign.test");
        assertThat(json.get("msg").asText()).isEqualTo("model sov-tiny said \"hi\"\nthen left\té😀");
        assertThat(json.get("tenant").asText()).isEqualTo("team-a");
        assertThat(json.get("error").asText()).contains("IllegalStateException: boom");
        assertThat(json.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }
}
