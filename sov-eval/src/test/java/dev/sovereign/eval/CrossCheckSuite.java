package dev.sovereign.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cross-check suite from test resources, written into a folder with the fake server's URL filled in. */
final class CrossCheckSuite {

    private CrossCheckSuite() {
    }

    static Path write(Path dir, String baseUrl) throws IOException {
        String yaml;
        try (InputStream in = CrossCheckSuite.class.getResourceAsStream("/crosscheck/promptfooconfig.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("promptfooconfig.yaml");
        Files.writeString(file, yaml.replace("BASE_URL", baseUrl));
        return file;
    }
}
