package dev.sovereign.platform;

import dev.sovereign.engine.server.EngineLauncher;
import java.nio.file.Path;

/**
 * A real OpenAI-compatible server in its own process, for {@code engine.kind: process} tests:
 * the embedded engine behind {@code --model M --port P --name N}, as {@code sov engine} runs it.
 */
public final class EngineProcessMain {

    private EngineProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EngineLauncher.start(new EngineLauncher.Options(Path.of(args[1]), "127.0.0.1", Integer.parseInt(args[3]), args[5], 4, 0,
                0, true, "hermes", EngineLauncher.DEFAULT_MAX_WAITING, 1));
        Thread.currentThread().join();
    }
}
