package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.render.Names;
import dev.sovereign.k8s.render.RenderOptions;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec.Canary;
import dev.sovereign.spec.inference.InferenceServiceSpec.LoraAdapter;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads the state of the objects an InferenceService owns (from the informer caches) and
 * writes it into its status: WeightsReady (the preload Job succeeded, or none is needed),
 * Available (the Deployment has ready replicas), Scaling (KEDA owns the replica count),
 * IntegrationsInstalled (which optional add-ons are missing) and Ready, which holds when the
 * spec is valid, the weights are there and a replica answers, so that
 * {@code kubectl wait --for=condition=Ready} works; plus the served models and the URLs.
 */
final class StatusObserver {

    static final String READY = "Ready";
    static final String WEIGHTS_READY = "WeightsReady";
    static final String AVAILABLE = "Available";
    static final String SCALING = "Scaling";
    static final String INTEGRATIONS = "IntegrationsInstalled";
    static final String SPEC_VALID = "SpecValid";

    private final RenderOptions options;
    private final Clock clock;

    StatusObserver(RenderOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    InferenceServiceStatus observe(InferenceServiceResource resource, InferenceService service,
                                   ObjectApplier.Outcome outcome, ClusterView view) {
        long generation = Objects.requireNonNullElse(resource.getMetadata().getGeneration(), 0L);
        List<Condition> previous = resource.getStatus() == null ? List.of() : resource.getStatus().getConditions();
        InferenceServiceStatus status = new InferenceServiceStatus();
        status.setObservedGeneration(generation);
        String namespace = Names.namespace(service);
        boolean weights = !service.spec().model().preload().enabled()
                || view.jobSucceeded(namespace, Names.preloadJobName(service));
        int ready = view.readyReplicas(namespace, service.name());
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(previous, READY, weights && ready > 0,
                weights && ready > 0 ? "Serving" : weights ? "NoReadyReplicas" : "WeightsNotReady",
                weights && ready > 0 ? "serving at " + url(service)
                        : weights ? "no replica is ready yet" : "the weights are still being downloaded", generation));
        conditions.add(condition(previous, SPEC_VALID, true, "Valid", "the spec passed every rule", generation));
        conditions.add(condition(previous, WEIGHTS_READY, weights, weights ? "Present" : "Preloading",
                weights ? "weights of " + service.spec().model().revision() + " are on the shared volume"
                        : "job " + Names.preloadJobName(service) + " has not succeeded yet", generation));

        status.setReadyReplicas(ready);
        conditions.add(condition(previous, AVAILABLE, ready > 0, ready > 0 ? "ReplicasReady" : "NoReadyReplicas",
                ready + " ready replica(s)", generation));

        boolean keda = outcome.appliedKinds().contains("ScaledObject");
        conditions.add(condition(previous, SCALING, keda, keda ? "KedaScaledObject" : "KedaNotInstalled",
                keda ? "KEDA scales between " + service.spec().scaling().minReplicas() + " and "
                        + service.spec().scaling().maxReplicas() + " replicas"
                        : "CRD scaledobjects.keda.sh is not installed; the Deployment keeps 1 replica", generation));

        boolean complete = outcome.missingCrds().isEmpty();
        conditions.add(condition(previous, INTEGRATIONS, complete, complete ? "AllInstalled" : "CrdsMissing",
                complete ? "every rendered object was applied"
                        : "not applied, CRD not installed: " + String.join(", ", outcome.missingCrds()), generation));
        status.setConditions(conditions);
        status.setPhase(ready > 0 ? "Ready" : weights ? "Starting" : "Preloading");
        status.setUrl(url(service));
        servedModels(service, status);
        return status;
    }

    InferenceServiceStatus invalid(InferenceServiceResource resource, String problems) {
        long generation = Objects.requireNonNullElse(resource.getMetadata().getGeneration(), 0L);
        List<Condition> previous = resource.getStatus() == null ? List.of() : resource.getStatus().getConditions();
        InferenceServiceStatus status = new InferenceServiceStatus();
        status.setObservedGeneration(generation);
        status.setPhase("Invalid");
        status.setConditions(List.of(
                condition(previous, READY, false, "InvalidSpec", "the spec is invalid", generation),
                condition(previous, SPEC_VALID, false, "InvalidSpec", problems, generation)));
        return status;
    }

    /** The in-cluster base URL of the model's OpenAI-compatible API (its Service). */
    static String url(InferenceService service) {
        return "http://" + service.name() + "." + Names.namespace(service) + ".svc:" + Names.ENGINE_PORT + "/v1";
    }
    private void servedModels(InferenceService service, InferenceServiceStatus status) {
        List<InferenceServiceStatus.ServedModel> models = new ArrayList<>();
        models.add(new InferenceServiceStatus.ServedModel(service.name(), "base", null));
        for (LoraAdapter adapter : service.spec().loraAdapters()) {
            Integer weight = service.spec().gateway().canaries().stream()
                    .filter(c -> c.adapter().equals(adapter.name())).map(Canary::weightPercent).findFirst().orElse(null);
            models.add(new InferenceServiceStatus.ServedModel(adapter.name(), "adapter", weight));
        }
        status.setServedModels(models);
        status.setServedModelsSummary(models.stream().map(InferenceServiceStatus.ServedModel::name)
                .collect(Collectors.joining(",")));
        if (service.spec().gateway().enabled()) {
            status.setModelEndpoint("https://llm." + options.privateDomain() + "/v1");
        }
    }

    /** Keeps lastTransitionTime when the status did not change, as Kubernetes conventions ask. */
    private Condition condition(List<Condition> previous, String type, boolean ok, String reason, String message,
                                long generation) {
        String value = ok ? "True" : "False";
        String since = previous.stream().filter(c -> c.getType().equals(type) && c.getStatus().equals(value))
                .map(Condition::getLastTransitionTime).findFirst().orElse(clock.instant().toString());
        return new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build();
    }

}
