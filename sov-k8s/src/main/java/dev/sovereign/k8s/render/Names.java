package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import java.util.Map;

/**
 * Names, labels and annotations shared by every object of one InferenceService, as the
 * reference composition sets them, so dashboards and selectors written for it keep working.
 */
public final class Names {

    public static final String RESOURCE_NAME_ANNOTATION = "sovereign.dev/composition-resource-name";
    public static final String INFERENCE = "inference";
    public static final String PRELOAD = "preload";
    public static final int ENGINE_PORT = 8000;
    private static final int MAX_NAME = 63;

    private Names() {
    }

    /** The labels of the serving pods, also their selector. */
    public static Map<String, Object> labels(InferenceService service, String component) {
        return map("app.kubernetes.io/name", service.name(),
                "app.kubernetes.io/instance", service.name(),
                "app.kubernetes.io/component", component,
                "app.kubernetes.io/part-of", "ai");
    }

    public static String namespace(InferenceService service) {
        String namespace = service.metadata().namespace();
        return namespace == null ? "default" : namespace;
    }

    /** Metadata of a rendered object; {@code suffix} names its role, as the composition's resource names do. */
    public static Map<String, Object> metadata(InferenceService service, String name, String component, String suffix) {
        return map("name", name,
                "namespace", namespace(service),
                "labels", labels(service, component),
                "annotations", map(RESOURCE_NAME_ANNOTATION, service.name() + "-" + suffix));
    }

    public static Map<String, Object> metadata(InferenceService service, String suffix) {
        return metadata(service, service.name(), INFERENCE, suffix);
    }

    /**
     * Job name per revision: a new revision gets a new Job, an unchanged one is left alone.
     * Kept within 63 characters (Jobs label their pods with their name) by shortening the
     * model's name, never the revision.
     */
    public static String preloadJobName(InferenceService service) {
        String revision = service.spec().model().revision().toLowerCase().replaceAll("[^a-z0-9-]", "-");
        String suffix = "-preload-" + (revision.length() > 8 ? revision.substring(0, 8) : revision).replaceAll("-+$", "");
        String name = service.name();
        if (name.length() + suffix.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME - suffix.length()).replaceAll("-+$", "");
        }
        return name + suffix;
    }

    /** Where the weights of the model's revision are mounted inside the pods. */
    public static String modelPath(InferenceService service) {
        return "/models/" + service.spec().model().revision();
    }
}
