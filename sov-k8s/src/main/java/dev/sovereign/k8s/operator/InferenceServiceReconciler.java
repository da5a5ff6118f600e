package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.render.Manifests;
import dev.sovereign.k8s.render.RenderOptions;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
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
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one InferenceService: renders its objects with the same code as
 * {@code sov render}, applies them owned by it, and reports what it observed in the status.
 * Status changes of its Deployments and Jobs wake it; it also re-checks on a period, for
 * newly installed add-on CRDs and the objects of add-ons it does not watch.
 */
@ControllerConfiguration(name = "inferenceservice")
public final class InferenceServiceReconciler
        implements Reconciler<InferenceServiceResource>, Cleaner<InferenceServiceResource> {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceServiceReconciler.class);
    private static final String PART_OF = "app.kubernetes.io/part-of=ai";

    private final Manifests manifests;
    private final RenderOptions options;
    private final Duration recheck;

    public InferenceServiceReconciler(RenderOptions options, Duration recheck) {
        this.manifests = new Manifests(options);
        this.options = options;
        this.recheck = recheck;
    }

    @Override
    public UpdateControl<InferenceServiceResource> reconcile(InferenceServiceResource resource,
                                                             Context<InferenceServiceResource> context) {
        var client = context.getClient();
        StatusObserver observer = new StatusObserver(client, options, Clock.systemUTC());
        Events events = new Events(client);
        Loaded<InferenceService> loaded = SpecReader.read(resource);
        if (!loaded.valid()) {
            String problems = loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
            LOG.warn("{}/{} is invalid: {}", resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                    problems);
            events.warning(resource, "InvalidSpec", problems);
            resource.setStatus(observer.invalid(resource, problems));
            return UpdateControl.patchStatus(resource);
        }
        InferenceService service = loaded.value();
        ObjectApplier.Outcome outcome;
        try {
            outcome = new ObjectApplier(client).apply(resource,
                    GatewayRouteLatch.apply(client, service, manifests.render(service)));
        } catch (IllegalArgumentException e) {
            events.warning(resource, "CannotRender", e.getMessage());
            resource.setStatus(observer.invalid(resource, e.getMessage()));
            return UpdateControl.patchStatus(resource);
        }
        report(resource, events, "Created", outcome.created());
        report(resource, events, "Deleted", outcome.deleted());
        if (!outcome.missingCrds().isEmpty()) {
            LOG.info("{}: skipped objects whose CRD is missing: {}", service.name(), outcome.missingCrds());
        }
        resource.setStatus(observer.observe(resource, service, outcome));
        return UpdateControl.patchStatus(resource).rescheduleAfter(recheck);
    }

    /**
     * Wakes the reconciler when a Deployment's or preload Job's status changes (readiness,
     * success), instead of waiting for the next periodic check. Spec-only changes are ignored:
     * they are the operator's own patches.
     */
    @Override
    public List<EventSource<?, InferenceServiceResource>> prepareEventSources(
            EventSourceContext<InferenceServiceResource> context) {
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration
                        .from(Deployment.class, InferenceServiceResource.class).withName("deployments")
                        .withLabelSelector(PART_OF)
                        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(InferenceServiceResource.class))
                        .withOnUpdateFilter((now, before) -> !Objects.equals(now.getStatus(), before.getStatus()))
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration
                        .from(Job.class, InferenceServiceResource.class).withName("jobs")
                        .withLabelSelector(PART_OF)
                        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(InferenceServiceResource.class))
                        .withOnUpdateFilter((now, before) -> !Objects.equals(now.getStatus(), before.getStatus()))
                        .build(), context));
    }

    @Override
    public DeleteControl cleanup(InferenceServiceResource resource, Context<InferenceServiceResource> context) {
        List<String> deleted = new ObjectApplier(context.getClient()).deleteAll(resource);
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
