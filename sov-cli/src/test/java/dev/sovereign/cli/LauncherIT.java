package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./sov} launcher, run as a user runs it, after the jar is packaged: it must find a
 * JDK 25 by itself even when the shell's default java is older and JAVA_HOME points elsewhere.
 */
class LauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("sov.root"));

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result sov(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(concat(ROOT.resolve("sov").toString(), args)).directory(dir.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("./sov finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest)).toList();
    }

    @Test
    void helpWorksWithTheShellsDefaultJavaAndNoJavaHome() throws Exception {
        Result result = sov(Map.of(), "--help");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("serve", "validate");
    }

    @Test
    void aJavaHomeThatIsNotAJdk25IsPassedOver() throws Exception {
        Path fakeHome = Files.createDirectories(dir.resolve("old-jdk/bin"));
        Result result = sov(Map.of("JAVA_HOME", fakeHome.getParent().toString()), "--version");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("sov ").contains("Java 25");
    }

    @Test
    void unknownCommandExits2WithOneLine() throws Exception {
        Result result = sov(Map.of(), "no-such-command");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().filter(l -> !l.isBlank())).singleElement().asString().startsWith("sov: ");
    }

    @Test
    void validateExamplesFromAnotherDirectory() throws Exception {
        Result result = sov(Map.of(), "validate", ROOT.resolve("examples/models").toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out().lines()).hasSize(4);
    }
}
