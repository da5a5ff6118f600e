package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.render.Manifests;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSchema;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one InferenceService: renders its objects with the same code as
 * {@code sov render}, applies them when they differ from what was last applied, prunes the
 * ones no longer desired, and reports what it observed in the status.
 *
 * <p>Driven by informers (ADR 0122): the InferenceService itself, the Deployments and Jobs
 * the operator manages (status changes, and edits or deletions by others), and the CRDs of
 * the cluster (an add-on installed later gets its objects at once). A full re-apply runs
 * only every {@code resync}, for the add-on objects no informer watches.
 */
@ControllerConfiguration(name = "inferenceservice")
public final class InferenceServiceReconciler
        implements Reconciler<InferenceServiceResource>, Cleaner<InferenceServiceResource> {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceServiceReconciler.class);
    private static final String MANAGED = ObjectApplier.MANAGED_BY_LABEL + "=" + ObjectApplier.FIELD_MANAGER;

    private final Manifests manifests;
    private final OperatorConfig config;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final AppliedSets appliedSets = new AppliedSets();
    private InformerEventSource<Deployment, InferenceServiceResource> deployments;
    private InformerEventSource<Job, InferenceServiceResource> jobs;
    private InformerEventSource<CustomResourceDefinition, InferenceServiceResource> crds;

    public InferenceServiceReconciler(OperatorConfig config, OperatorMetrics metrics, Clock clock) {
        this.manifests = new Manifests(config.render());
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public UpdateControl<InferenceServiceResource> reconcile(InferenceServiceResource resource,
                                                             Context<InferenceServiceResource> context) {
        var client = context.getClient();
        ClusterView view = new ClusterView(deployments, jobs, crds);
        StatusObserver observer = new StatusObserver(config.render(), clock);
        Events events = new Events(client);
        Loaded<InferenceService> loaded = SpecReader.read(resource);
        if (!loaded.valid()) {
            String problems = loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
            return invalid(resource, events, observer, "InvalidSpec", problems);
        }
        InferenceService service = loaded.value();
        ObjectApplier applier = new ObjectApplier(client, view::crdInstalled, metrics);
        ObjectApplier.Outcome outcome;
        try {
            List<Map<String, Object>> desired = GatewayRouteLatch.apply(client, view, service, manifests.render(service));
            ObjectApplier.Selection selection = applier.select(desired);
            ResourceID id = ResourceID.fromResource(resource);
            String digest = Digests.of(List.of(resource.getMetadata().getUid(), selection.objects()));
            if (appliedSets.current(id, digest, clock.instant(), config.resync())) {
                metrics.skippedApply();
                outcome = ObjectApplier.Outcome.unchanged(selection.kinds(), selection.missingCrds());
            } else {
                long mark = appliedSets.mark(id);
                outcome = applier.apply(resource, selection);
                appliedSets.record(id, mark, digest, clock.instant());
            }
        } catch (IllegalArgumentException e) {
            return invalid(resource, events, observer, "CannotRender", e.getMessage());
        }
        report(resource, events, "Replaced", outcome.replaced());
        report(resource, events, "Deleted", outcome.deleted());
        InferenceServiceStatus status = observer.observe(resource, service, outcome, view);
        return withStatus(resource, status).rescheduleAfter(config.resync());
    }

    private UpdateControl<InferenceServiceResource> invalid(InferenceServiceResource resource, Events events,
                                                            StatusObserver observer, String reason, String problems) {
        InferenceServiceStatus status = observer.invalid(resource, problems);
        if (!sameStatus(resource.getStatus(), status)) {
            LOG.warn("{}/{} is invalid: {}", resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                    problems);
            events.warning(resource, reason, problems);
        }
        return withStatus(resource, status);
    }

    /** Writes the status only when it changed: a quiet model costs no write per reconcile. */
    private static UpdateControl<InferenceServiceResource> withStatus(InferenceServiceResource resource,
                                                                      InferenceServiceStatus status) {
        if (sameStatus(resource.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(status);
        return UpdateControl.patchStatus(resource);
    }

    private static boolean sameStatus(InferenceServiceStatus before, InferenceServiceStatus after) {
        return before != null && Digests.of(before).equals(Digests.of(after));
    }

    @Override
    public List<EventSource<?, InferenceServiceResource>> prepareEventSources(
            EventSourceContext<InferenceServiceResource> context) {
        deployments = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Deployment.class, InferenceServiceResource.class).withName("deployments")
                .withLabelSelector(MANAGED)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(InferenceServiceResource.class))
                .withOnUpdateFilter((now, before) -> {
                    if (!Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())) {
                        if (!FieldManagers.lastWriteBy(now, ObjectApplier.FIELD_MANAGER)) {
                            forgetOwners(now); // edited by someone else: apply again
                        }
                        return true;
                    }
                    return !Objects.equals(now.getStatus(), before.getStatus());
                })
                .withOnDeleteFilter((deleted, unknownState) -> {
                    forgetOwners(deleted);
                    return true;
                })
                .build(), context);
        jobs = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Job.class, InferenceServiceResource.class).withName("jobs")
                .withLabelSelector(MANAGED)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(InferenceServiceResource.class))
                .withOnUpdateFilter((now, before) -> !Objects.equals(now.getStatus(), before.getStatus()))
                .build(), context);
        var primaries = context.getPrimaryCache();
        // A CRD appearing or going changes what can be applied for every InferenceService.
        crds = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(CustomResourceDefinition.class, InferenceServiceResource.class).withName("crds")
                .withSecondaryToPrimaryMapper(crd -> KindCatalog.ALL.stream()
                        .anyMatch(k -> crd.getMetadata().getName().equals(k.crd()))
                        ? primaries.list().map(ResourceID::fromResource).collect(Collectors.toSet()) : Set.of())
                .withOnUpdateFilter((now, before) -> false)
                .build(), context);
        return List.of(deployments, jobs, crds);
    }

    private void forgetOwners(HasMetadata object) {
        object.getMetadata().getOwnerReferences().stream()
                .filter(r -> InferenceServiceSchema.KIND.equals(r.getKind()))
                .forEach(r -> appliedSets.forget(new ResourceID(r.getName(), object.getMetadata().getNamespace())));
    }

    @Override
    public DeleteControl cleanup(InferenceServiceResource resource, Context<InferenceServiceResource> context) {
        ClusterView view = new ClusterView(deployments, jobs, crds);
        List<String> deleted = new ObjectApplier(context.getClient(), view::crdInstalled, metrics).deleteAll(resource);
        appliedSets.forget(ResourceID.fromResource(resource));
        LOG.info("{}: deleted {}", resource.getMetadata().getName(), deleted);
        return DeleteControl.defaultDelete();
    }

    private static void report(InferenceServiceResource resource, Events events, String reason, List<String> objects) {
        if (!objects.isEmpty()) {
            LOG.info("{}: {} {}", resource.getMetadata().getName(), reason.toLowerCase(), objects);
            events.normal(resource, reason, reason + " " + String.join(", ", objects));
        }
    }
}
