package dev.sovereign.k8s.eval;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import java.util.List;
import java.util.Map;

/**
 * The nightly evaluation of a suite: a ConfigMap with the suite's files and a CronJob running
 * {@code sov eval} on them, with the reference Promptfoo CronJob's schedule, history, deadlines,
 * restricted pod and resources. Results stay in the pod's /work; the metrics are pushed.
 */
public final class EvalCronJobRenderer {

    static final long UID = 10001;
    static final String SUITE_DIR = "/suite";
    static final String WORK_DIR = "/work";

    private final EvalCronJobOptions options;

    public EvalCronJobRenderer(EvalCronJobOptions options) {
        this.options = options;
    }

    public List<Map<String, Object>> render(EvalSuiteFiles suite) {
        return List.of(configMap(suite), cronJob(suite));
    }

    private Map<String, Object> configMap(EvalSuiteFiles suite) {
        Map<String, Object> data = map();
        suite.files().forEach((path, text) -> data.put(key(path), text));
        return map("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", metadata(options.name() + "-suite"),
                "data", data);
    }

    private Map<String, Object> cronJob(EvalSuiteFiles suite) {
        List<Object> items = list();
        suite.files().keySet().forEach(path -> items.add(map("key", key(path), "path", path)));
        Map<String, Object> container = map(
                "name", "eval",
                "image", options.image(),
                "args", args(suite),
                "env", env(),
                "envFrom", list(map("secretRef", map("name", options.apiKeySecret()))),
                "resources", map(
                        "requests", map("cpu", "200m", "memory", "512Mi"),
                        "limits", map("cpu", "1", "memory", "1Gi")),
                "securityContext", map(
                        "allowPrivilegeEscalation", false,
                        "readOnlyRootFilesystem", true,
                        "runAsNonRoot", true,
                        "runAsUser", UID,
                        "capabilities", map("drop", list("ALL"))),
                "volumeMounts", list(
                        map("name", "suite", "mountPath", SUITE_DIR, "readOnly", true),
                        map("name", "work", "mountPath", WORK_DIR)));
        Map<String, Object> pod = map(
                "restartPolicy", "Never",
                "automountServiceAccountToken", false,
                "securityContext", map(
                        "runAsNonRoot", true, "runAsUser", UID, "runAsGroup", UID, "fsGroup", UID,
                        "seccompProfile", map("type", "RuntimeDefault")),
                "containers", list(container),
                "volumes", list(
                        map("name", "suite", "configMap", map("name", options.name() + "-suite", "items", items)),
                        map("name", "work", "emptyDir", map("sizeLimit", "256Mi"))));
        return map("apiVersion", "batch/v1", "kind", "CronJob",
                "metadata", metadata(options.name()),
                "spec", map(
                        "schedule", options.schedule(),
                        "timeZone", options.timeZone(),
                        "concurrencyPolicy", "Forbid",
                        "successfulJobsHistoryLimit", 3,
                        "failedJobsHistoryLimit", 5,
                        "startingDeadlineSeconds", 3600,
                        "jobTemplate", map("spec", map(
                                "backoffLimit", 1,
                                "ttlSecondsAfterFinished", 604800,
                                "template", map(
                                        "metadata", map("labels", labels()),
                                        "spec", pod)))));
    }

    /**
     * Failed tests must not fail the Job (threshold 0): they are what the metrics and the
     * PromptfooRegression alert report, and a retried Job would only run the same suite again.
     * A broken suite or an unreachable push URL still exits non-zero.
     */
    private List<Object> args(EvalSuiteFiles suite) {
        List<Object> args = list("eval",
                "-c", SUITE_DIR + "/" + suite.suiteName(),
                "-o", WORK_DIR + "/results.json",
                "--junit", WORK_DIR + "/results.junit.xml",
                "--metrics", WORK_DIR + "/metrics.prom");
        if (options.pushUrl() != null) {
            args.addAll(List.of("--push-url", options.pushUrl()));
        }
        args.addAll(List.of("--pass-rate-threshold", "0", "--no-progress"));
        return args;
    }

    /** The root filesystem is read-only, so the JVM's temporary files go to /work. */
    private List<Object> env() {
        List<Object> env = list(
                map("name", "HOME", "value", WORK_DIR),
                map("name", "JAVA_TOOL_OPTIONS", "value", "-Djava.io.tmpdir=" + WORK_DIR + " -XX:-UsePerfData"));
        if (options.gatewayUrl() != null) {
            env.add(map("name", "SOV_EVAL_BASE_URL", "value", options.gatewayUrl()));
        }
        return env;
    }

    private Map<String, Object> metadata(String name) {
        return map("name", name, "namespace", options.namespace(), "labels", labels());
    }

    private Map<String, Object> labels() {
        return map("app.kubernetes.io/name", options.name(),
                "app.kubernetes.io/component", "eval",
                "app.kubernetes.io/part-of", "ai");
    }

    /** ConfigMap keys allow no '/': nested files get a flat key and their path back through the volume's items. */
    static String key(String path) {
        return path.replace("/", "__");
    }
}
