package dev.sovereign.k8s.operator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the tests that share one {@link ApplyingMockServer} per class (a namespace per test keeps them apart). */
abstract class OnApplyingMockServer {

    static ApplyingMockServer mock;

    @BeforeAll
    static void startServer() {
        mock = ApplyingMockServer.start();
    }

    @AfterAll
    static void stopServer() {
        mock.close();
    }
}
