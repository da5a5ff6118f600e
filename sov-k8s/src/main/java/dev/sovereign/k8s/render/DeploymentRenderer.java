package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.k8s.cluster.ClusterProfile.GpuScheduling;
import dev.sovereign.k8s.yaml.Tree;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import dev.sovereign.spec.inference.InferenceServiceSpec.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine Deployment: vLLM on a GPU node, or {@code sov engine} on a CPU node when
 * {@code engine.kind: embedded}. It has no {@code replicas}: the ScaledObject owns that
 * number, and writing it here would reset the scale on every apply.
 */
final class DeploymentRenderer {

    static final String GPU_RESOURCE = "nvidia.com/gpu";
    /** The uid of the shared weights volume's access point. */
    static final long POD_UID = 1001;

    private final RenderOptions options;

    DeploymentRenderer(RenderOptions options) {
        this.options = options;
    }

    static boolean embedded(InferenceService service) {
        return service.spec().declaredEngine().map(e -> "embedded".equals(e.kind())).orElse(false);
    }

    Map<String, Object> render(InferenceService service) {
        InferenceServiceSpec spec = service.spec();
        boolean gpu = !embedded(service);
        GpuScheduling scheduling = options.cluster().gpu();
        Map<String, Object> container = map(
                "name", gpu ? "vllm" : "engine",
                "image", options.pulled(gpu ? options.vllmImage() : options.sovImage()),
                "args", gpu ? EngineArgs.vllm(service) : EngineArgs.embedded(service),
                "ports", list(map("name", "http", "containerPort", Names.ENGINE_PORT, "protocol", "TCP")),
                "env", env(gpu),
                "envFrom", envFrom(spec),
                "resources", resources(spec, gpu),
                "securityContext", Tree.sorted(spec.securityContext()),
                "volumeMounts", list(
                        map("name", "models", "mountPath", "/models", "subPath", spec.weightsFileSystem().subPath()),
                        map("name", "tmp", "mountPath", "/tmp"),
                        map("name", "shm", "mountPath", "/dev/shm")),
                "livenessProbe", probe(spec.healthProbes().liveness()),
                "readinessProbe", probe(spec.healthProbes().readiness()),
                "startupProbe", probe(new Probe(30, 10, 10, 30)));
        Map<String, Object> pod = map(
                "serviceAccountName", service.name(),
                "automountServiceAccountToken", true,
                "nodeSelector", gpu && !scheduling.nodeSelector().isEmpty() ? new TreeMap<>(scheduling.nodeSelector()) : null,
                "tolerations", gpu && !scheduling.tolerations().isEmpty() ? new ArrayList<Object>(scheduling.tolerations()) : null,
                "runtimeClassName", gpu ? scheduling.runtimeClassName() : null,
                "terminationGracePeriodSeconds", 60,
                "securityContext", podSecurityContext(),
                "initContainers", spec.model().preload().enabled() ? list(WeightsGate.initContainer(service, options)) : null,
                "containers", list(container),
                "volumes", list(
                        map("name", "models", "persistentVolumeClaim", map("claimName", options.cluster().modelCache().claimName())),
                        map("name", "tmp", "emptyDir", map()),
                        map("name", "shm", "emptyDir", map("medium", "Memory", "sizeLimit", "8Gi"))));
        return map("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Names.metadata(service, "deployment"),
                "spec", map(
                        "strategy", map("type", "Recreate"),
                        "selector", map("matchLabels", Names.labels(service, Names.INFERENCE)),
                        "template", map(
                                "metadata", map("labels", Names.labels(service, Names.INFERENCE)),
                                "spec", pod)));
    }

    static Map<String, Object> podSecurityContext() {
        return map("seccompProfile", map("type", "RuntimeDefault"),
                "runAsNonRoot", true, "runAsUser", POD_UID, "fsGroup", POD_UID);
    }

    private static List<Object> env(boolean gpu) {
        List<Object> env = list(
                map("name", "HF_HOME", "value", "/models/.huggingface"),
                map("name", "POD_NAME", "valueFrom", map("fieldRef", map("fieldPath", "metadata.name"))),
                map("name", "POD_NAMESPACE", "valueFrom", map("fieldRef", map("fieldPath", "metadata.namespace"))));
        if (gpu) {
            env.add(map("name", "VLLM_LOGGING_LEVEL", "value", "INFO"));
        }
        // The image has no passwd entry for the volume's uid; tools that look the user up need these.
        env.add(map("name", "USER", "value", gpu ? "vllm" : "sov"));
        env.add(map("name", "HOME", "value", "/tmp"));
        return env;
    }

    static List<Object> envFrom(InferenceServiceSpec spec) {
        List<Object> sources = new ArrayList<>();
        spec.externalSecrets().forEach(s -> sources.add(map("secretRef", map("name", s.name()))));
        spec.envFromSecrets().forEach(name -> sources.add(map("secretRef", map("name", name))));
        return sources.isEmpty() ? null : sources;
    }

    /** The user's resources (or the defaults), with the GPU count always in requests and limits. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(InferenceServiceSpec spec, boolean gpu) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : List.of("requests", "limits")) {
            Map<String, Object> values = new LinkedHashMap<>();
            Object given = spec.resources().get(part);
            if (given instanceof Map<?, ?> map) {
                values.putAll((Map<String, Object>) Tree.sorted(map));
            }
            if (gpu) {
                values.put(GPU_RESOURCE, String.valueOf(spec.gpu().count()));
            }
            out.put(part, values);
        }
        ((Map<String, Object>) Tree.sorted(spec.resources())).forEach(out::putIfAbsent);
        return out;
    }

    private static Map<String, Object> probe(Probe probe) {
        return map("httpGet", map("path", "/health", "port", "http"),
                "initialDelaySeconds", probe.initialDelaySeconds(),
                "periodSeconds", probe.periodSeconds(),
                "timeoutSeconds", probe.timeoutSeconds(),
                "failureThreshold", probe.failureThreshold());
    }
}
