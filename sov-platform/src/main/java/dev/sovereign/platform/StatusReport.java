package dev.sovereign.platform;

import dev.sovereign.platform.deploy.Deployment;
import dev.sovereign.platform.deploy.Fleet;
import dev.sovereign.platform.reconcile.Reconciler;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import java.net.URI;
import java.nio.file.Path;
import dev.sovereign.platform.replica.Replica;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds {@link PlatformStatus} from what the reconciler declared and what the fleet runs. */
final class StatusReport {

    private StatusReport() {
    }

    /** @param loopError what the control loop's last step failed with, while it keeps failing (null: it runs) */
    static PlatformStatus of(Reconciler reconciler, Fleet fleet, String loopError) {
        Map<String, String> errors = reconciler.modelErrors();
        Map<String, String> retries = new java.util.HashMap<>();
        reconciler.nextRetries().forEach((name, due) -> retries.put(name, due.toString()));
        Map<String, Long> starting = new java.util.HashMap<>();
        java.time.Instant now = java.time.Instant.now();
        reconciler.starting().forEach((name, since) -> starting.put(name, java.time.Duration.between(since, now).toSeconds()));
        List<PlatformStatus.Model> models = new ArrayList<>();
        reconciler.declaredModels().forEach((name, file) -> {
            Fleet.Member member = fleet.get(name);
            if (member == null) {
                models.add(new PlatformStatus.Model(name, file.toString(), null, null, null, 0, 0, List.of(), errors.get(name),
                        retries.get(name), starting.get(name), null, null, List.of()));
                return;
            }
            Deployment d = member.deployment();
            InferenceServiceSpec.Model model = d.service().spec().model();
            List<String> endpoints = d.readyEndpoints().stream().map(URI::toString).toList();
            Replica.Capacity capacity = d.replicas().stream().map(Replica::capacity).filter(Objects::nonNull)
                    .min(Comparator.comparingInt(Replica.Capacity::maxConcurrency)).orElse(null);
            models.add(new PlatformStatus.Model(name, d.file(), d.source().kind(), model.repository(), model.revision(),
                    endpoints.size(), d.count(), endpoints, errors.getOrDefault(name, d.problem()), retries.get(name),
                    starting.get(name), capacity == null ? null : capacity.maxConcurrency(),
                    capacity == null ? null : capacity.kvCacheBytes(),
                    d.replicas().stream().map(Replica::device).filter(Objects::nonNull).toList()));
        });
        List<PlatformStatus.FileProblem> problems = new ArrayList<>();
        for (Map.Entry<Path, List<dev.sovereign.spec.validation.Problem>> e : reconciler.fileProblems().entrySet()) {
            e.getValue().forEach(p -> problems.add(new PlatformStatus.FileProblem(e.getKey().toString(), p.toString())));
        }
        return new PlatformStatus(reconciler.folder().toString(), models, problems, loopError);
    }
}
