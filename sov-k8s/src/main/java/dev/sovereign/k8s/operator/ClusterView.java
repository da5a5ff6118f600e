package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.Objects;

/**
 * What the operator knows of the cluster without asking the API server: the informer caches
 * of the Deployments and Jobs it manages and of the installed CRDs. Reads from here cost no
 * API call; the caches are kept current by watches.
 */
final class ClusterView {

    private final Cache<Deployment> deployments;
    private final Cache<Job> jobs;
    private final Cache<CustomResourceDefinition> crds;

    ClusterView(Cache<Deployment> deployments, Cache<Job> jobs, Cache<CustomResourceDefinition> crds) {
        this.deployments = deployments;
        this.jobs = jobs;
        this.crds = crds;
    }

    boolean crdInstalled(String name) {
        return crds.contains(new ResourceID(name));
    }

    int readyReplicas(String namespace, String name) {
        return deployments.get(new ResourceID(name, namespace))
                .map(d -> d.getStatus() == null ? 0 : Objects.requireNonNullElse(d.getStatus().getReadyReplicas(), 0))
                .orElse(0);
    }

    boolean jobSucceeded(String namespace, String name) {
        return jobs.get(new ResourceID(name, namespace))
                .map(j -> j.getStatus() != null && Objects.requireNonNullElse(j.getStatus().getSucceeded(), 0) > 0)
                .orElse(false);
    }
}
