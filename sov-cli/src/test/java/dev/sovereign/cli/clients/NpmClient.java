package dev.sovereign.cli.clients;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real client program installed from npm by ./test (tools/npm), run as a separate process with a temporary HOME so
 * that nothing of the machine's own configuration leaks in and nothing is written outside the test's folders.
 */
public record NpmClient(Path executable) {

    /** What the client printed and how it exited. */
    public record Result(int exit, String out, String err) {
        public String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** The binary from tools/npm/node_modules/.bin; the test fails (never skips) when it is not installed. */
    public static NpmClient named(String name) {
        Path bin = SovServe.ROOT.resolve("tools/npm/node_modules/.bin").resolve(name);
        if (!Files.isExecutable(bin)) {
            fail("the npm client '" + name + "' is not installed (" + bin + "): run ./test, which installs tools/npm");
        }
        return new NpmClient(bin);
    }

    public Result run(Path workingDir, Path home, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "client", ".out");
        Path err = Files.createTempFile(home, "client", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("ANTHROPIC_") || k.startsWith("OPENCODE_")
                || k.startsWith("CONTINUE_") || k.startsWith("XDG_"));
        environment.put("HOME", home.toString());
        // Node and Bun programs take the project folder from PWD, which the JVM would pass on unchanged.
        environment.put("PWD", workingDir.toString());
        environment.put("NO_COLOR", "1");
        environment.put("CI", "1");
        environment.putAll(env);
        Process process = pb.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(executable.getFileName() + " did not finish within " + timeout + "; stdout:\n"
                    + Files.readString(out, StandardCharsets.UTF_8) + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
