package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.LinkedHashMap;

/**
 * The InferenceService custom resource as the operator reads it. The spec stays a plain map
 * on purpose: it is checked and typed by sov-spec, the same code as {@code sov validate}, so
 * the operator never holds a second definition of the fields.
 */
@Group("sovereign.dev")
@Version("v1alpha1")
@Kind("InferenceService")
@Plural("inferenceservices")
public class InferenceServiceResource extends CustomResource<InferenceServiceResource.Spec, InferenceServiceStatus>
        implements Namespaced {

    /** The spec's fields as written. */
    public static class Spec extends LinkedHashMap<String, Object> {
    }
}
