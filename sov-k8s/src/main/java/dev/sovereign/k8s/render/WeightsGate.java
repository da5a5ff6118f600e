package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.k8s.yaml.Tree;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec.LoraAdapter;
import java.util.Map;

/**
 * The init container that holds the engine until the preload Job has written the weights.
 * Without it the Deployment and the Job start together, vLLM finds an empty folder, exits,
 * and crash-loops with a growing back-off that outlasts the download. The gate waits for the
 * Job's marker naming this exact repository and revision (a marker of the previous revision
 * does not open it), then for each adapter's {@code adapter_config.json}.
 */
final class WeightsGate {

    static final String NAME = "wait-for-weights";
    static final int POLL_SECONDS = 5;

    private WeightsGate() {
    }

    static Map<String, Object> initContainer(InferenceService service, RenderOptions options) {
        var spec = service.spec();
        return map("name", NAME,
                "image", options.pulled(options.preloadImage()),
                "command", list("sh", "-c", script(service)),
                "resources", map("requests", map("cpu", "10m", "memory", "16Mi"), "limits", map("memory", "64Mi")),
                "securityContext", Tree.sorted(spec.securityContext()),
                "volumeMounts", list(map("name", "models", "mountPath", "/models",
                        "subPath", spec.weightsFileSystem().subPath())));
    }

    static String script(InferenceService service) {
        var model = service.spec().model();
        String marker = Names.modelPath(service) + "/" + PreloadJobRenderer.MARKER;
        StringBuilder out = new StringBuilder()
                .append("WANT='").append(model.repository()).append('@').append(model.revision()).append("'\n")
                .append("until [ -f '").append(marker).append("' ] && [ \"$(cat '").append(marker)
                .append("')\" = \"$WANT\" ]; do echo \"waiting for $WANT\"; sleep ").append(POLL_SECONDS).append("; done\n");
        for (LoraAdapter adapter : service.spec().loraAdapters()) {
            String config = EngineArgs.loraPath(adapter) + "/adapter_config.json";
            out.append("until [ -f '").append(config).append("' ]; do echo 'waiting for adapter ")
                    .append(adapter.name()).append("'; sleep ").append(POLL_SECONDS).append("; done\n");
        }
        return out.toString();
    }
}
