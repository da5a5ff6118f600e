package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes the cluster hold exactly the desired objects of one InferenceService (ADR 0120):
 * <ul>
 *   <li>each object is server-side applied under the field manager {@value #FIELD_MANAGER},
 *       forcing conflicts: the API server then removes any field the operator applied before
 *       and no longer sends, and leaves fields other managers own (KEDA's replicas) alone;</li>
 *   <li>a Job's pod template is immutable, so a Job whose desired spec changed (an adapter
 *       added under the same revision) is deleted and created again, never patched; the
 *       digest of the spec it was created from is kept in its {@value #SPEC_DIGEST}
 *       annotation, and a 422 from the server on an older Job leads to the same;</li>
 *   <li>objects labelled as managed by the operator for this instance, owned by it and no
 *       longer desired are deleted (pruned).</li>
 * </ul>
 */
final class ObjectApplier {

    static final String FIELD_MANAGER = "sovereign-operator";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final String SPEC_DIGEST = "sovereign.dev/spec-digest";
    private static final Set<String> IMMUTABLE_SPEC = Set.of("Job");

    /** What one pass did. */
    record Outcome(List<String> applied, List<String> replaced, List<String> deleted, Set<String> missingCrds,
                   Set<String> appliedKinds) {

        /** A pass that found the desired set already applied. */
        static Outcome unchanged(Set<String> kinds, Set<String> missingCrds) {
            return new Outcome(List.of(), List.of(), List.of(), missingCrds, kinds);
        }
    }

    private final KubernetesClient client;
    private final Predicate<String> crdInstalled;
    private final OperatorMetrics metrics;

    ObjectApplier(KubernetesClient client, Predicate<String> crdInstalled, OperatorMetrics metrics) {
        this.client = client;
        this.crdInstalled = crdInstalled;
        this.metrics = metrics;
    }

    /** The desired objects whose kind can be applied now, and the CRDs missing for the others. */
    record Selection(List<Map<String, Object>> objects, Set<String> missingCrds, Set<String> kinds) {
    }

    Selection select(List<Map<String, Object>> desired) {
        List<Map<String, Object>> objects = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Map<String, Object> object : desired) {
            KindCatalog.Kind kind = KindCatalog.of(object);
            if (kind.optional() && !crdInstalled.test(kind.crd())) {
                missing.add(kind.crd());
            } else {
                objects.add(object);
                kinds.add(kind.kind());
            }
        }
        return new Selection(objects, missing, kinds);
    }

    Outcome apply(HasMetadata owner, Selection selection) {
        List<String> applied = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        String namespace = owner.getMetadata().getNamespace();
        for (Map<String, Object> object : selection.objects()) {
            KindCatalog.Kind kind = KindCatalog.of(object);
            GenericKubernetesResource resource = managed(owner, object);
            String name = resource.getMetadata().getName();
            String key = kind.kind() + "/" + name;
            wanted.add(key);
            Resource<GenericKubernetesResource> handle =
                    client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name);
            if (IMMUTABLE_SPEC.contains(kind.kind())) {
                String digest = Digests.of(object.get("spec"));
                resource.getMetadata().getAnnotations().put(SPEC_DIGEST, digest);
                GenericKubernetesResource existing = handle.get();
                if (existing != null && !digest.equals(existing.getMetadata().getAnnotations() == null ? null
                        : existing.getMetadata().getAnnotations().get(SPEC_DIGEST))) {
                    replace(handle, resource);
                    replaced.add(key);
                    continue;
                }
            }
            try {
                serverSideApply(kind, namespace, resource);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 422 || !IMMUTABLE_SPEC.contains(kind.kind())) {
                    throw e;
                }
                replace(handle, resource);
                replaced.add(key);
                continue;
            }
            applied.add(key);
        }
        metrics.applied(applied.size(), replaced.size());
        List<String> deleted = prune(owner, wanted);
        return new Outcome(applied, replaced, deleted, selection.missingCrds(), selection.kinds());
    }

    /** Deletes every object this owner manages; a cluster's garbage collector would too, but not every API server has one. */
    List<String> deleteAll(HasMetadata owner) {
        return prune(owner, Set.of());
    }

    private void serverSideApply(KindCatalog.Kind kind, String namespace, GenericKubernetesResource resource) {
        client.genericKubernetesResources(kind.context()).inNamespace(namespace).resource(resource)
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    /** Background propagation: the Job object goes at once (its pods after it), so the new one can take its name. */
    private void replace(Resource<GenericKubernetesResource> handle, GenericKubernetesResource resource) {
        handle.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        KindCatalog.Kind kind = KindCatalog.find(resource.getApiVersion(), resource.getKind()).orElseThrow();
        serverSideApply(kind, resource.getMetadata().getNamespace(), resource);
    }

    private List<String> prune(HasMetadata owner, Set<String> wanted) {
        List<String> deleted = new ArrayList<>();
        String namespace = owner.getMetadata().getNamespace();
        for (KindCatalog.Kind kind : KindCatalog.ALL) {
            if (kind.optional() && !crdInstalled.test(kind.crd())) {
                continue;
            }
            var existing = client.genericKubernetesResources(kind.context()).inNamespace(namespace)
                    .withLabel(MANAGED_BY_LABEL, FIELD_MANAGER)
                    .withLabel(INSTANCE_LABEL, owner.getMetadata().getName()).list().getItems();
            for (GenericKubernetesResource object : existing) {
                boolean owned = object.getMetadata().getOwnerReferences().stream()
                        .anyMatch(r -> r.getUid().equals(owner.getMetadata().getUid()));
                String key = kind.kind() + "/" + object.getMetadata().getName();
                if (owned && !wanted.contains(key)) {
                    client.genericKubernetesResources(kind.context()).inNamespace(namespace)
                            .withName(object.getMetadata().getName())
                            .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                    deleted.add(key);
                }
            }
        }
        metrics.pruned(deleted.size());
        return deleted;
    }

    /** The rendered object as the operator applies it: owned by the InferenceService and labelled for pruning. */
    private GenericKubernetesResource managed(HasMetadata owner, Map<String, Object> object) {
        GenericKubernetesResource resource = client.getKubernetesSerialization()
                .convertValue(object, GenericKubernetesResource.class);
        resource.getMetadata().setOwnerReferences(List.of(ownerReference(owner)));
        Map<String, String> labels = new HashMap<>(resource.getMetadata().getLabels() == null ? Map.of()
                : resource.getMetadata().getLabels());
        labels.put(MANAGED_BY_LABEL, FIELD_MANAGER);
        labels.put(INSTANCE_LABEL, owner.getMetadata().getName());
        resource.getMetadata().setLabels(labels);
        resource.getMetadata().setAnnotations(new HashMap<>(resource.getMetadata().getAnnotations() == null ? Map.of()
                : resource.getMetadata().getAnnotations()));
        return resource;
    }

    private static OwnerReference ownerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
