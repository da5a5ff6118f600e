package dev.sovereign.platform.deploy;

import dev.sovereign.gateway.routing.LiveRoutes;
import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.platform.autoscale.Autoscaler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models running now, each with its autoscaler, and the gateway routes that follow them: after
 * every change the ready replicas of every model are published as the gateway's managed backends.
 */
public final class Fleet {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    /** A running model and the autoscaler that sizes it. */
    public record Member(Deployment deployment, Autoscaler autoscaler) {
    }

    private final LiveRoutes routes;
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private List<BackendSettings> published = List.of();

    public Fleet(LiveRoutes routes) {
        this.routes = routes;
    }

    public Member get(String name) {
        return members.get(name);
    }

    public Collection<Member> members() {
        return List.copyOf(members.values());
    }

    /** Adds or replaces a model; the one it replaces is returned for the caller to stop. */
    public Member put(Member member) {
        Member previous = members.put(member.deployment().name(), member);
        publish();
        return previous;
    }

    public Member remove(String name) {
        Member previous = members.remove(name);
        publish();
        return previous;
    }

    /** Sends the ready replicas to the gateway if they changed since the last time. */
    public synchronized void publish() {
        List<BackendSettings> backends = new ArrayList<>();
        members.values().stream().map(Member::deployment).sorted(java.util.Comparator.comparing(Deployment::name))
                .forEach(d -> backends.add(ManagedBackend.of(d)));
        if (!backends.equals(published)) {
            routes.applyManaged(backends, List.of());
            published = backends;
            LOG.debug("routes now {}", backends);
        }
    }
}
