package dev.sovereign.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in a JVM of its own, for tests that kill it with -9: its main class prints {@code port N} once it
 * listens. Its output is read to the end, so a chatty child never blocks on a full pipe.
 */
public final class ChildGateway {

    private ChildGateway() {
    }

    /** Starts {@code main} with the test class path and {@code args}; returns the process and the port it printed. */
    public static Started start(Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", classPath(),
                main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return new Started(child, readPort(child));
        } catch (Exception | AssertionError e) {
            child.destroyForcibly();
            throw e;
        }
    }

    public record Started(Process process, int port) {
    }

    /** Surefire's full test class path (its own java.class.path may be a manifest-only jar, which works as well). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int readPort(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> port = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("child-gateway-output").start(() -> {
            try {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith("port ")) {
                        port.complete(l.substring(5).trim());
                    }
                }
            } catch (IOException ignored) {
                // the child died
            }
            port.complete(null);
        });
        String found = port.get(60, TimeUnit.SECONDS);
        if (found == null) {
            throw new AssertionError("the child gateway " + child.pid() + " exited without printing its port");
        }
        return Integer.parseInt(found);
    }
}
