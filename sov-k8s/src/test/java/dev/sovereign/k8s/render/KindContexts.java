package dev.sovereign.k8s.render;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** REST coordinates of a namespaced kind, for reading objects back in tests. */
public final class KindContexts {

    private KindContexts() {
    }

    public static ResourceDefinitionContext of(String apiVersion, String kind, String plural) {
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(apiVersion.substring(slash + 1))
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }
}
