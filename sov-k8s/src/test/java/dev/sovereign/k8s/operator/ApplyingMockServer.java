package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/** fabric8's mock API server in CRUD mode behind {@link ServerSideApplyDispatcher}, with a client on it. */
record ApplyingMockServer(KubernetesMockServer server, ServerSideApplyDispatcher dispatcher, KubernetesClient client)
        implements AutoCloseable {

    static ApplyingMockServer start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        ServerSideApplyDispatcher dispatcher = new ServerSideApplyDispatcher(new KubernetesMixedDispatcher(responses));
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), responses, dispatcher, false);
        server.init();
        return new ApplyingMockServer(server, dispatcher, server.createClient());
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
