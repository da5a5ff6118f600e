package dev.sovereign.k8s.render;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec.NetworkPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which rules a serving policy holds, whatever API writes them: the spec's own ingress (or
 * one rule for the default callers) always followed by the scraper's rule and, when there is
 * one, the Endpoint Picker's; the spec's own
 * egress, or the variant's default.
 */
final class ServingRules {

    private ServingRules() {
    }

    /**
     * {@code admit} writes one ingress rule letting the given peers reach the engine port. The
     * Endpoint Picker, when rendered, is admitted even next to custom rules: it scrapes the
     * engines it picks from, and without it the pool's routing fails.
     */
    static List<Object> ingress(InferenceService service, RenderOptions options, Function<List<Peer>, Object> admit) {
        NetworkPolicies custom = service.spec().networkPolicies();
        List<Object> ingress = new ArrayList<>();
        if (custom != null && custom.ingress() != null) {
            ingress.addAll(custom.ingress());
        } else {
            ingress.add(admit.apply(Peer.defaultCallers(options)));
        }
        List<Peer> scraper = Peer.scraper(options);
        if (!scraper.isEmpty()) {
            ingress.add(admit.apply(scraper));
        }
        if (EndpointPicker.rendered(service, options)) {
            ingress.add(admit.apply(List.of(EndpointPicker.peer(service))));
        }
        return ingress;
    }

    static List<Object> egress(NetworkPolicies custom, Supplier<List<Object>> defaults) {
        return custom != null && custom.egress() != null ? new ArrayList<>(custom.egress()) : defaults.get();
    }
}
