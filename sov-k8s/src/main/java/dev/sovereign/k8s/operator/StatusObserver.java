package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.render.Names;
import dev.sovereign.k8s.render.RenderOptions;
import dev.sovereign.k8s.yaml.Tree;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec.Canary;
import dev.sovereign.spec.inference.InferenceServiceSpec.LoraAdapter;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads the state of the objects an InferenceService owns and writes it into its status:
 * WeightsReady (the preload Job succeeded, or none is needed), Available (the Deployment has
 * ready replicas), Scaling (KEDA owns the replica count) and Integrations (which optional
 * add-ons are missing), plus the served models and the endpoint.
 */
final class StatusObserver {

    static final String WEIGHTS_READY = "WeightsReady";
    static final String AVAILABLE = "Available";
    static final String SCALING = "Scaling";
    static final String INTEGRATIONS = "IntegrationsInstalled";
    static final String SPEC_VALID = "SpecValid";

    private final KubernetesClient client;
    private final RenderOptions options;
    private final Clock clock;

    StatusObserver(KubernetesClient client, RenderOptions options, Clock clock) {
        this.client = client;
        this.options = options;
        this.clock = clock;
    }

    InferenceServiceStatus observe(InferenceServiceResource resource, InferenceService service,
                                   ObjectApplier.Outcome outcome) {
        long generation = Objects.requireNonNullElse(resource.getMetadata().getGeneration(), 0L);
        List<Condition> previous = resource.getStatus() == null ? List.of() : resource.getStatus().getConditions();
        InferenceServiceStatus status = new InferenceServiceStatus();
        status.setObservedGeneration(generation);
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(previous, SPEC_VALID, true, "Valid", "the spec passed every rule", generation));

        boolean weights = !service.spec().model().preload().enabled() || jobSucceeded(service);
        conditions.add(condition(previous, WEIGHTS_READY, weights, weights ? "Present" : "Preloading",
                weights ? "weights of " + service.spec().model().revision() + " are on the shared volume"
                        : "job " + Names.preloadJobName(service) + " has not succeeded yet", generation));

        int ready = readyReplicas(service);
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
        servedModels(service, status);
        return status;
    }

    InferenceServiceStatus invalid(InferenceServiceResource resource, String problems) {
        long generation = Objects.requireNonNullElse(resource.getMetadata().getGeneration(), 0L);
        List<Condition> previous = resource.getStatus() == null ? List.of() : resource.getStatus().getConditions();
        InferenceServiceStatus status = new InferenceServiceStatus();
        status.setObservedGeneration(generation);
        status.setPhase("Invalid");
        status.setConditions(List.of(condition(previous, SPEC_VALID, false, "InvalidSpec", problems, generation)));
        return status;
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

    private boolean jobSucceeded(InferenceService service) {
        GenericKubernetesResource job = get("Job", service, Names.preloadJobName(service));
        Object succeeded = job == null ? null : Tree.at(job.getAdditionalProperties(), "status", "succeeded");
        return succeeded instanceof Number n && n.intValue() > 0;
    }

    private int readyReplicas(InferenceService service) {
        GenericKubernetesResource deployment = get("Deployment", service, service.name());
        Object ready = deployment == null ? null : Tree.at(deployment.getAdditionalProperties(), "status", "readyReplicas");
        return ready instanceof Number n ? n.intValue() : 0;
    }

    private GenericKubernetesResource get(String kind, InferenceService service, String name) {
        KindCatalog.Kind k = KindCatalog.ALL.stream().filter(c -> c.kind().equals(kind)).findFirst().orElseThrow();
        return client.genericKubernetesResources(k.context()).inNamespace(Names.namespace(service)).withName(name).get();
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
