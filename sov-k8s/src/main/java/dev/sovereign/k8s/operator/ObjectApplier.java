package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates or updates the rendered objects, owned by their InferenceService, skipping kinds
 * whose CRD is not installed, and deletes owned objects that are no longer rendered (the old
 * revision's preload Job, a route that was switched off). Updates are JSON merge patches, so
 * fields other controllers own, such as the replicas KEDA sets, are left alone.
 */
final class ObjectApplier {

    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

    /** What one pass did. */
    record Outcome(List<String> created, List<String> updated, List<String> deleted, Set<String> missingCrds,
                   Set<String> appliedKinds) {
    }

    private final KubernetesClient client;

    ObjectApplier(KubernetesClient client) {
        this.client = client;
    }

    Outcome apply(HasMetadata owner, List<Map<String, Object>> objects) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> applied = new LinkedHashSet<>();
        Set<String> wanted = new HashSet<>();
        Set<String> installed = new HashSet<>();
        for (Map<String, Object> object : objects) {
            KindCatalog.Kind kind = KindCatalog.of(object);
            if (kind.optional() && !installed.contains(kind.crd())) {
                if (!crdInstalled(kind.crd())) {
                    missing.add(kind.crd());
                    continue;
                }
                installed.add(kind.crd());
            }
            GenericKubernetesResource resource = client.getKubernetesSerialization()
                    .convertValue(object, GenericKubernetesResource.class);
            resource.getMetadata().setOwnerReferences(List.of(ownerReference(owner)));
            String name = resource.getMetadata().getName();
            wanted.add(kind.kind() + "/" + name);
            applied.add(kind.kind());
            var handle = client.genericKubernetesResources(kind.context())
                    .inNamespace(owner.getMetadata().getNamespace()).withName(name);
            if (handle.get() == null) {
                handle.create(resource);
                created.add(kind.kind() + "/" + name);
            } else {
                handle.patch(PatchContext.of(PatchType.JSON_MERGE), resource);
                updated.add(kind.kind() + "/" + name);
            }
        }
        List<String> deleted = prune(owner, wanted, installed);
        return new Outcome(created, updated, deleted, missing, applied);
    }

    /** Deletes every object this owner owns; a cluster's garbage collector would too, but not every API server has one. */
    List<String> deleteAll(HasMetadata owner) {
        Set<String> installed = new HashSet<>();
        KindCatalog.ALL.stream().filter(KindCatalog.Kind::optional).filter(k -> crdInstalled(k.crd()))
                .forEach(k -> installed.add(k.crd()));
        return prune(owner, Set.of(), installed);
    }

    private List<String> prune(HasMetadata owner, Set<String> wanted, Set<String> installed) {
        List<String> deleted = new ArrayList<>();
        for (KindCatalog.Kind kind : KindCatalog.ALL) {
            if (kind.optional() && !installed.contains(kind.crd())) {
                continue;
            }
            var existing = client.genericKubernetesResources(kind.context())
                    .inNamespace(owner.getMetadata().getNamespace())
                    .withLabel(INSTANCE_LABEL, owner.getMetadata().getName()).list().getItems();
            for (GenericKubernetesResource object : existing) {
                boolean owned = object.getMetadata().getOwnerReferences().stream()
                        .anyMatch(r -> r.getUid().equals(owner.getMetadata().getUid()));
                String key = kind.kind() + "/" + object.getMetadata().getName();
                if (owned && !wanted.contains(key)) {
                    client.genericKubernetesResources(kind.context()).inNamespace(owner.getMetadata().getNamespace())
                            .withName(object.getMetadata().getName()).delete();
                    deleted.add(key);
                }
            }
        }
        return deleted;
    }

    boolean crdInstalled(String crd) {
        return client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
    }

    private static OwnerReference ownerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
