package dev.sovereign.gateway.support;

import dev.sovereign.gateway.Gateway;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A gateway in front of one fake upstream, started before each test from {@link #configure}. */
public abstract class OneUpstreamFixture {

    @TempDir
    protected Path dir;
    protected FakeUpstream upstream;
    protected Gateway gateway;
    protected Http http;

    /** The gateway's settings; the upstream is already running. */
    protected abstract Settings configure(Settings settings);

    @BeforeEach
    void startGateway() {
        upstream = new FakeUpstream("up");
        gateway = Gateway.start(configure(new Settings(dir.resolve("usage.db"))).build(), Optional.empty());
        http = new Http(gateway.port());
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
        upstream.close();
    }
}
