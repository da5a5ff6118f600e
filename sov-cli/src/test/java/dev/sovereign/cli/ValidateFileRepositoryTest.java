package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sov validate} looks for the folder of a {@code file:} repository on this machine. */
class ValidateFileRepositoryTest extends CliTest {

    @TempDir
    Path dir;

    @Test
    void aMissingAbsoluteFolderIsAnErrorNamingFileLineAndField() throws IOException {
        Path missing = dir.resolve("no-such-folder");
        Path file = declare("absent.yaml", "file:" + missing);
        assertThat(run("validate", file.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                file + ":6: spec.model.repository: file:" + missing + ": no such folder " + missing);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFolderWithoutModelIsAnError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path file = declare("empty.yaml", "file:" + empty);
        assertThat(run("validate", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(file + ":6: spec.model.repository: ", "holds neither a config.json nor a .gguf file");
    }

    @Test
    void aMissingRelativeFolderIsAWarningAndTheFileStaysValid() throws IOException {
        Path file = declare("later.yaml", "file:weights/later");
        assertThat(run("validate", file.toString())).isZero();
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith(file + ":6: spec.model.repository: warning: file:weights/later: no such folder "
                        + dir.resolve("weights/later"))
                .contains("sov serve starts the model once it appears");
        assertThat(out.toString()).contains(": valid: InferenceService m ");
    }

    @Test
    void anExistingRelativeFolderIsQuietlyValid() throws IOException {
        Files.createDirectories(dir.resolve("weights/here"));
        Files.writeString(dir.resolve("weights/here/config.json"), "{}");
        Path file = declare("here.yaml", "file:weights/here");
        assertThat(run("validate", file.toString())).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theBundledModelValidates() {
        Path bundled = Path.of(System.getProperty("sov.root"), "models", "sov-tiny.yaml");
        assertThat(run("validate", bundled.toString())).isZero();
        assertThat(err.toString()).isEmpty();
    }

    private Path declare(String name, String repository) throws IOException {
        return Files.writeString(dir.resolve(name), """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: m}
                spec:
                  model:
                    repository: %s
                """.formatted(repository));
    }
}
