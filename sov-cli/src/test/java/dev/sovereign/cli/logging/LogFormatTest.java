package dev.sovereign.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Text lines by default, JSON with --log-format json, SOV_LOG_FORMAT=json or in a pod (in that order); Helidon's INFO hidden. */
class LogFormatTest {

    private final PrintStream stderr = System.err;

    @AfterEach
    void restore() {
        System.setErr(stderr);
        LogSetup.configure(LogFormat.TEXT);
    }

    @Test
    void theOptionWinsOverTheEnvironmentAndTextIsTheDefault() {
        assertThat(LogFormat.chosen(List.of("serve"), name -> null)).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.chosen(List.of("serve"), Map.of("SOV_LOG_FORMAT", "json")::get)).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.chosen(List.of("serve", "--log-format", "json"), name -> null)).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.chosen(List.of("serve", "--log-format=text"), Map.of("SOV_LOG_FORMAT", "json")::get))
                .isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.chosen(List.of("gateway"), Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")::get))
                .as("in a pod, for its log collector").isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.chosen(List.of("gateway"), Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "SOV_LOG_FORMAT", "text")::get))
                .isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.chosen(List.of("serve", "--log-format", "xml"), name -> null))
                .as("picocli refuses the value afterwards; logging starts as text meanwhile").isEqualTo(LogFormat.TEXT);
    }

    @Test
    void textIsLevelComponentMessageAndJsonIsOneObjectALine() throws Exception {
        String text = logged(LogFormat.TEXT);
        assertThat(text).matches("\\d\\d:\\d\\d:\\d\\d INFO  LogFormatTest: model sov-tiny started\\R");

        JsonNode json = new ObjectMapper().readTree(logged(LogFormat.JSON));
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger").asText()).isEqualTo(LogFormatTest.class.getName());
        assertThat(json.get("msg").asText()).isEqualTo("model sov-tiny started");
    }

    private static String logged(LogFormat format) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LogSetup.configure(format);
        LoggerFactory.getLogger("io.helidon.webserver.LoomServer").info("Started all channels in 5 milliseconds");
        java.util.logging.Logger.getLogger("io.helidon.common.features.HelidonFeatures").info("Helidon SE features");
        LoggerFactory.getLogger(LogFormatTest.class).info("model {} started", "sov-tiny");
        return captured.toString(StandardCharsets.UTF_8);
    }
}
