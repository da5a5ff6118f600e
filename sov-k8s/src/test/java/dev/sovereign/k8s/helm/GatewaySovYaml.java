package dev.sovereign.k8s.helm;

import dev.sovereign.spec.config.PlatformConfigFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The sov.yaml the chart renders for the gateway, read by the gateway's own configuration parser. */
final class GatewaySovYaml {

    private GatewaySovYaml() {
    }

    /** The parser's problems, as {@code path: message}; empty when the gateway would start with it. */
    static List<String> problems(String sovYaml) {
        try {
            Path dir = Files.createTempDirectory("chart-sov-yaml");
            Path file = Files.writeString(dir.resolve("sov.yaml"), sovYaml);
            try {
                return PlatformConfigFiles.load(file).problems().stream().map(p -> p.path() + ": " + p.message()).toList();
            } finally {
                Files.delete(file);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
