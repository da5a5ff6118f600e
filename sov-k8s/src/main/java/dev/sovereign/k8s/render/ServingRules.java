package dev.sovereign.k8s.render;

import dev.sovereign.spec.inference.InferenceServiceSpec.NetworkPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which rules a serving policy holds, whatever API writes them: the spec's own ingress (or
 * one rule for the default callers) always followed by the scraper's rule; the spec's own
 * egress, or the variant's default.
 */
final class ServingRules {

    private ServingRules() {
    }

    /** {@code admit} writes one ingress rule letting the given peers reach the engine port. */
    static List<Object> ingress(NetworkPolicies custom, RenderOptions options, Function<List<Peer>, Object> admit) {
        List<Object> ingress = new ArrayList<>();
        if (custom != null && custom.ingress() != null) {
            ingress.addAll(custom.ingress());
        } else {
            ingress.add(admit.apply(Peer.defaultCallers(options)));
        }
        ingress.add(admit.apply(List.of(Peer.scraper())));
        return ingress;
    }

    static List<Object> egress(NetworkPolicies custom, Supplier<List<Object>> defaults) {
        return custom != null && custom.egress() != null ? new ArrayList<>(custom.egress()) : defaults.get();
    }
}
