package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.k8s.yaml.Tree;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import dev.sovereign.spec.inference.InferenceServiceSpec.LoraAdapter;
import java.util.Map;

/**
 * The Job that puts a revision's weights on the shared volume before the engine starts. It
 * is named per revision and skips the download when the volume already holds a complete
 * copy (the marker file), so re-running it costs nothing.
 */
final class PreloadJobRenderer {

    static final String MARKER = ".preload-complete";
    static final String SERVICE_ACCOUNT = "xplane-llm-models-preload";

    private final RenderOptions options;

    PreloadJobRenderer(RenderOptions options) {
        this.options = options;
    }

    Map<String, Object> render(InferenceService service) {
        InferenceServiceSpec spec = service.spec();
        Map<String, Object> labels = Names.labels(service, Names.PRELOAD);
        return map("apiVersion", "batch/v1", "kind", "Job",
                "metadata", Names.metadata(service, Names.preloadJobName(service), Names.PRELOAD, "preload-job"),
                "spec", map(
                        "backoffLimit", 3,
                        "ttlSecondsAfterFinished", 86400,
                        "template", map(
                                "metadata", map("labels", labels),
                                "spec", map(
                                        "serviceAccountName", SERVICE_ACCOUNT,
                                        "restartPolicy", "OnFailure",
                                        "securityContext", DeploymentRenderer.podSecurityContext(),
                                        "containers", list(map(
                                                "name", "preload",
                                                "image", options.pulled(options.preloadImage()),
                                                "command", list("sh", "-c", script(service)),
                                                "env", list(
                                                        map("name", "HF_HOME", "value", "/tmp/.huggingface"),
                                                        map("name", "HF_HUB_DISABLE_XET", "value", "1"),
                                                        map("name", "HF_HUB_DOWNLOAD_TIMEOUT", "value", "120"),
                                                        map("name", "HOME", "value", "/tmp")),
                                                "envFrom", DeploymentRenderer.envFrom(spec),
                                                "resources", map(
                                                        "requests", map("cpu", "1", "memory", "2Gi"),
                                                        "limits", map("cpu", "4", "memory", "8Gi")),
                                                "securityContext", Tree.sorted(spec.securityContext()),
                                                "volumeMounts", list(
                                                        map("name", "models", "mountPath", "/models",
                                                                "subPath", spec.weightsFileSystem().subPath()),
                                                        map("name", "tmp", "mountPath", "/tmp")))),
                                        "volumes", list(
                                                map("name", "models", "persistentVolumeClaim",
                                                        map("claimName", options.cluster().modelCache().claimName())),
                                                map("name", "tmp", "emptyDir", map("sizeLimit", "32Gi")))))));
    }

    /** The shell script: idempotent by marker, atomic marker write, adapters after the base model. */
    static String script(InferenceService service) {
        InferenceServiceSpec spec = service.spec();
        String repository = spec.model().repository();
        String revision = spec.model().revision();
        String dir = Names.modelPath(service);
        StringBuilder out = new StringBuilder()
                .append("set -eu\n")
                .append("DIR=").append(dir).append('\n')
                .append("MARKER=\"$DIR/").append(MARKER).append("\"\n")
                .append("WANT='").append(repository).append('@').append(revision).append("'\n")
                .append("if ls \"$DIR\"/.cache/huggingface/download/*.incomplete >/dev/null 2>&1; then\n")
                .append("  rm -f \"$MARKER\"\n")
                .append("elif [ -f \"$MARKER\" ] && [ \"$(cat \"$MARKER\")\" = \"$WANT\" ]; then\n")
                .append("  echo \"weights already present: $WANT\"; SKIP_BASE=1\n")
                .append("elif [ -f \"$DIR/config.json\" ]; then\n")
                .append("  printf '%s' \"$WANT\" > \"$MARKER.tmp\" && mv \"$MARKER.tmp\" \"$MARKER\"; SKIP_BASE=1\n")
                .append("fi\n")
                .append("pip install --quiet --target /tmp/pip huggingface_hub\n")
                .append("export PYTHONPATH=/tmp/pip PATH=/tmp/pip/bin:$PATH\n")
                .append("if [ -z \"${SKIP_BASE:-}\" ]; then\n")
                .append("  hf download '").append(repository).append("' --revision '").append(revision)
                .append("' --local-dir \"$DIR\" --max-workers 1\n")
                .append("  printf '%s' \"$WANT\" > \"$MARKER.tmp\" && mv \"$MARKER.tmp\" \"$MARKER\"\n")
                .append("fi\n");
        for (LoraAdapter adapter : spec.loraAdapters()) {
            out.append("hf download '").append(adapter.repository()).append("' --revision '")
                    .append(adapter.revision()).append("' --local-dir ").append(EngineArgs.loraPath(adapter))
                    .append(" --max-workers 1\n");
        }
        return out.toString();
    }
}
