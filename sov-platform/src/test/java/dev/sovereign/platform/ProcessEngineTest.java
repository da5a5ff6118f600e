package dev.sovereign.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine.kind: process}: any OpenAI-compatible server command (here our engine in a child
 * JVM) is started, health-checked, restarted after it dies, and stopped when its file goes.
 */
class ProcessEngineTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void aServerCommandIsSupervised(@TempDir Path root) throws Exception {
        // The class path goes in an argument file: a short command line is one a person (and ps) can read.
        Path classPath = java.nio.file.Files.writeString(root.resolve("classpath.args"),
                "-cp \"" + System.getProperty("java.class.path") + "\"\n");
        String command = List.of(JAVA, "--add-modules", "jdk.incubator.vector", "@" + classPath,
                EngineProcessMain.class.getName(), "--model", "{model}", "--port", "{port}", "--name", "{name}").stream()
                .map(arg -> "\"" + arg + "\"").reduce((a, b) -> a + ", " + b).orElseThrow();
        String model = ServedPlatform.tinyModel("child", "maxNumSeqs: 4", "").replace("kind: embedded",
                "kind: process\n    command: [" + command + "]");
        try (ServedPlatform served = new ServedPlatform(root, 1, Map.of("child.yaml", model))) {
            assertThat(served.model("child").engine()).isEqualTo("process");
            assertThat(served.chat("child", "What is 12 + 30?", 16).body()).contains("42");

            ProcessHandle child = child().orElseThrow();
            child.destroyForcibly();
            ServedPlatform.await("the dead server noticed", Duration.ofSeconds(20), () -> served.model("child").readyReplicas() == 0);
            ServedPlatform.await("the server restarted", Duration.ofSeconds(60), () -> served.model("child").readyReplicas() == 1);
            assertThat(child().orElseThrow().pid()).isNotEqualTo(child.pid());
            assertThat(served.chat("child", "What is 12 + 30?", 16).body()).contains("42");

            ProcessHandle restarted = child().orElseThrow();
            served.delete("child.yaml");
            ServedPlatform.await("the server stopped with its file", Duration.ofSeconds(30), () -> !restarted.isAlive());
        }
    }

    private static Optional<ProcessHandle> child() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && List.of(p.info().arguments().orElse(new String[0])).contains(EngineProcessMain.class.getName()))
                .findFirst();
    }
}
