package dev.sovereign.k8s.render;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import dev.sovereign.spec.inference.InferenceServiceSpec.ExternalSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every Kubernetes object one InferenceService needs, as plain maps: the reference
 * composition's set, in a stable order. {@code sov render} prints them and the operator
 * applies them, so both paths produce the same objects.
 */
public final class Manifests {

    private final RenderOptions options;

    public Manifests(RenderOptions options) {
        this.options = options;
    }

    public List<Map<String, Object>> render(InferenceService service) {
        InferenceServiceSpec spec = service.spec();
        String engine = spec.declaredEngine().map(InferenceServiceSpec.Engine::kind).orElse("vllm");
        if (!"vllm".equals(engine) && !"embedded".equals(engine)) {
            throw new IllegalArgumentException(service.name() + ": spec.engine.kind " + engine
                    + " has nothing to run on Kubernetes; use vllm or embedded (or leave engine out)");
        }
        boolean cilium = RenderOptions.CILIUM.equals(options.networkPolicies());
        NetworkPolicyRenderer standard = new NetworkPolicyRenderer(options);
        CiliumPolicyRenderer ciliumPolicies = new CiliumPolicyRenderer(options);
        MonitoringRenderer monitoring = new MonitoringRenderer(options);

        List<Map<String, Object>> out = new ArrayList<>();
        out.add(CoreRenderer.serviceAccount(service));
        out.add(new DeploymentRenderer(options).render(service));
        out.add(CoreRenderer.service(service));
        if (spec.model().preload().enabled()) {
            out.add(new PreloadJobRenderer(options).render(service));
        }
        out.add(new ScaledObjectRenderer(options).render(service));
        if (PodDisruptionBudgetRenderer.wanted(service)) {
            out.add(PodDisruptionBudgetRenderer.render(service));
        }
        out.add(cilium ? ciliumPolicies.serving(service) : standard.serving(service));
        if (spec.model().preload().enabled()) {
            out.add(cilium ? ciliumPolicies.preload(service) : standard.preload(service));
        }
        boolean scraped = options.cluster().scraper().present();
        if (scraped) {
            out.add(monitoring.scrape(service));
            out.add(monitoring.rules(service));
        }
        ExternalSecretRenderer secrets = new ExternalSecretRenderer(options);
        for (ExternalSecret secret : spec.externalSecrets()) {
            out.add(secrets.render(service, secret));
        }
        if (spec.route().enabled()) {
            out.add(new RouteRenderer(options).render(service));
        }
        if (spec.gateway().enabled() && RenderOptions.ENVOY.equals(options.aiGateway())) {
            out.addAll(new EnvoyAiGatewayRenderer().render(service, EndpointPicker.rendered(service, options)));
        }
        if (EndpointPicker.rendered(service, options)) {
            out.add(new EndpointPickerRenderer(options).helmRelease(service));
            out.add(cilium ? ciliumPolicies.endpointPicker(service) : standard.endpointPicker(service));
            if (scraped) {
                out.add(monitoring.endpointPickerScrape(service));
            }
        }
        return out;
    }

    public List<Map<String, Object>> render(List<InferenceService> services) {
        List<Map<String, Object>> out = new ArrayList<>();
        services.forEach(s -> out.addAll(render(s)));
        return out;
    }
}
