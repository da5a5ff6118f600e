package dev.sovereign.gateway.state;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.support.FakeUpstream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A gateway on the shared PostgreSQL state in a process of its own, for {@link KillNineOnSharedStateTest} to kill
 * with -9: its upstream answers {@code qwen} at once and {@code slow} after a minute. Prints its port.
 */
public final class SharedStateChild {

    private SharedStateChild() {
    }

    public static void main(String[] args) throws Exception {
        FakeUpstream fast = new FakeUpstream("fast");
        FakeUpstream slow = new FakeUpstream("slow");
        slow.answerDelayMs = 60_000;
        Gateway gateway = Gateway.start(KillNineOnSharedStateTest.settings(Path.of(args[0]), args[1], fast, slow), Optional.empty());
        System.out.println("port " + gateway.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
