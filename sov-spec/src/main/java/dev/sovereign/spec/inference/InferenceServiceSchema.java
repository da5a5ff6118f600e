package dev.sovereign.spec.inference;

import static dev.sovereign.spec.schema.ObjectSchema.object;
import static dev.sovereign.spec.schema.Schema.bool;
import static dev.sovereign.spec.schema.Schema.freeForm;
import static dev.sovereign.spec.schema.Schema.freeFormObject;
import static dev.sovereign.spec.schema.Schema.integer;
import static dev.sovereign.spec.schema.Schema.list;
import static dev.sovereign.spec.schema.Schema.string;
import static dev.sovereign.spec.schema.Schema.stringMap;

import dev.sovereign.spec.schema.ObjectSchema;
import java.util.List;
import java.util.Map;

/**
 * Every field of an InferenceService with its type, default and range: the reference
 * platform's XRD (field-compatible, so its files work unchanged) plus Sovereign's
 * {@code spec.engine}. This is the single definition behind {@code sov validate}, the
 * defaults, the CRD schema and docs/inference-service.md.
 */
public final class InferenceServiceSchema {

    public static final String API_VERSION = "sovereign.dev/v1alpha1";
    /** The reference platform's group: its files are accepted as they are. */
    public static final String REFERENCE_API_VERSION = "cloud.ogenki.io/v1alpha1";
    public static final String KIND = "InferenceService";

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    /** RFC 1035 label: the name becomes a Service's name, which may not start with a digit. */
    private static final String DNS_1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";

    private InferenceServiceSchema() {
    }

    public static ObjectSchema document() {
        return object("An InferenceService: one model, served, scaled, routed and measured.")
                .required("apiVersion", string("API version.").oneOf(API_VERSION, REFERENCE_API_VERSION))
                .required("kind", string("Kind of object.").oneOf(KIND))
                .required("metadata", metadata())
                .required("spec", spec())
                .field("status", freeFormObject("Written by the operator; ignored in files."));
    }

    static ObjectSchema metadata() {
        return object("Standard Kubernetes object metadata.")
                .required("name", string("Name of the model as clients request it; names the Kubernetes objects.")
                        .maxLength(63).pattern(DNS_1035_LABEL, "a DNS label (RFC 1035): lower-case letters, digits "
                                + "and '-', starting with a letter and ending with a letter or digit, as a Service name"))
                .field("namespace", string("Kubernetes namespace.").maxLength(63)
                        .pattern(DNS_LABEL, "a DNS label"))
                .field("labels", stringMap("Kubernetes labels."))
                .field("annotations", stringMap("Kubernetes annotations."))
                .presentByDefault();
    }

    public static ObjectSchema spec() {
        return object("What to serve and how.")
                .required("model", model())
                .field("gpu", gpu())
                .field("routing", routing())
                .field("scaling", scaling())
                .field("cache", cache())
                .field("loraAdapters", list("LoRA adapters served next to the base model.", loraAdapter()).maxItems(8))
                .field("engineArgs", list("Extra engine flags, appended verbatim and last; each one token "
                        + "'--flag' or '--flag=value'. Flags the platform manages are refused.",
                        string("An engine flag.").maxLength(256)).maxItems(16))
                .field("gateway", gateway())
                .field("route", route())
                .field("weightsFileSystem", object("Where the weights live on the shared volume.")
                        .field("subPath", string("Sub-path on the shared weights volume (default: the model's name)."))
                        .presentByDefault())
                .field("resources", freeFormObject("Container resources (Kubernetes ResourceRequirements); "
                        + "GPUs are always added from gpu.count.")
                        .withDefault(Map.of(
                                "requests", Map.of("cpu", "2", "memory", "16Gi"),
                                "limits", Map.of("cpu", "8", "memory", "32Gi"))))
                .field("healthProbes", object("Probe timings of the engine container.")
                        .field("liveness", probe(60, 30, 10, 3))
                        .field("readiness", probe(30, 10, 5, 3))
                        .presentByDefault())
                .field("securityContext", freeFormObject("Container security context, merged over the defaults.")
                        .withDefault(Map.of(
                                "allowPrivilegeEscalation", false,
                                "readOnlyRootFilesystem", true,
                                "runAsNonRoot", true,
                                "capabilities", Map.of("drop", List.of("ALL")))))
                .field("externalSecrets", list("Secrets synced from an external store; each is also "
                        + "added to the engine's environment.", object("An ExternalSecret.")
                        .required("name", string("Name of the Kubernetes Secret to create.").maxLength(253))
                        .required("remoteRef", string("Key in the external secret store."))
                        .field("refreshInterval", string("How often to resync.").withDefault("1h"))))
                .field("envFromSecrets", list("Existing Secrets added to the environment of the engine and "
                        + "the preload job.", string("Secret name.").maxLength(253)))
                .field("networkPolicies", object("Network policy rules replacing the defaults.")
                        .field("ingress", list("Ingress rules (replace the default ingress).", freeFormObject("A rule.")))
                        .field("egress", list("Egress rules (replace the default egress).", freeFormObject("A rule."))))
                .field("observability", object("Metrics scraping and alerting.")
                        .field("metrics", object("Metrics scraping.")
                                .field("interval", string("Scrape interval.").withDefault("30s")
                                        .pattern("([0-9]+(ms|s|m|h))+", "a duration such as 30s or 1m"))
                                .presentByDefault())
                        .field("alertingRules", object("Alerting rules.")
                                .field("groups", list("Rule groups replacing the default SLO group.",
                                        freeFormObject("A Prometheus rule group."))))
                        .presentByDefault())
                .field("engine", engine());
    }

    static ObjectSchema model() {
        return object("The model's weights and serving limits.")
                .required("repository", string("Hugging Face repository id (org/name), or file:PATH for a local folder.")
                        .maxLength(255).pattern("(file:.+|[A-Za-z0-9][-A-Za-z0-9_.]*/[-A-Za-z0-9_.]+)",
                                "a repository id such as Qwen/Qwen3-8B, or file:PATH"))
                .field("revision", string("Commit SHA, branch or tag; pin a SHA in production.").withDefault("main")
                        .maxLength(255))
                .field("quantization", string("Weight quantization. On the embedded CPU engine fp8 means its 8-bit "
                        + "(Q8_0) path.").oneOf("fp16", "fp8", "awq", "gptq", "bitsandbytes").withDefault("fp16"))
                .field("contextWindow", integer("Maximum tokens per sequence (prompt + output).").min(1024)
                        .withDefault(4096))
                .field("maxNumSeqs", integer("Maximum sequences batched together; also the autoscaler's "
                        + "denominator.").min(1).withDefault(64))
                .field("toolCallParser", string("Tool-call parser (hermes, llama3_json, mistral...); enables "
                        + "automatic tool choice."))
                .field("preload", object("Fetch the weights into the shared store before serving.")
                        .field("enabled", bool("Run the preload job.").withDefault(false))
                        .presentByDefault())
                .field("streaming", object("Stream weights from object storage while loading.")
                        .field("enabled", bool("Use the streaming loader.").withDefault(false))
                        .field("concurrency", integer("Parallel streams.").range(1, 64)))
                .presentByDefault();
    }

    static ObjectSchema gpu() {
        return object("GPUs per replica (the reference requires this block; Sovereign defaults it so "
                + "CPU-only models need none).")
                .field("count", integer("GPUs per replica.").range(1, 8).withDefault(1))
                .field("minVRAM", string("Minimum GPU memory (informational).").withDefault("16Gi"))
                .presentByDefault();
    }

    static ObjectSchema routing() {
        return object("Routing metadata.")
                .field("tier", string("Size class.").oneOf("small", "medium", "large").withDefault("medium"))
                .field("specialty", string("What the model is best at.")
                        .oneOf("general", "code", "code-fim", "math", "guardrail", "multilingual").withDefault("general"))
                .presentByDefault();
    }

    static ObjectSchema scaling() {
        return object("Replica autoscaling on the engine's own signals.")
                .field("minReplicas", integer("Fewest replicas; 0 scales to zero when idle.").min(0).withDefault(1))
                .field("maxReplicas", integer("Most replicas.").min(1).withDefault(3))
                .field("cooldownSeconds", integer("Seconds of calm before scaling down.").min(60).withDefault(300))
                .field("pollingIntervalSeconds", integer("Seconds between signal checks.").min(5).withDefault(15))
                .field("runningRatioThreshold", decimal("Scale up when running sequences / maxNumSeqs exceeds "
                        + "this.", "0.7"))
                .field("cacheUtilizationThreshold", decimal("Scale up when KV-cache use exceeds this.", "0.6"))
                .field("queueLengthThreshold", integer("Scale up when this many requests wait.").min(1).withDefault(8))
                .presentByDefault();
    }

    static ObjectSchema cache() {
        return object("KV-cache options.")
                .field("kvOffload", object("Offload KV cache to CPU memory.")
                        .field("enabled", bool("Offload.").withDefault(false))
                        .field("sizeGB", integer("CPU memory for the KV cache, in GB.").min(1).withDefault(16))
                        .presentByDefault())
                .field("prefixCache", object("Automatic prefix caching.")
                        .field("enabled", bool("Reuse the KV cache of shared prompt prefixes.").withDefault(false))
                        .presentByDefault())
                .field("kvCacheMemory", string("Memory for each replica's KV cache under sov serve's embedded engine, "
                        + "as vLLM's --kv-cache-memory (default: what is left of the platform's share of the heap, "
                        + "engine.kvCacheHeapPercent of sov.yaml, up to maxNumSeqs full-context sequences).")
                        .pattern(ByteQuantity.PATTERN, "a byte quantity such as \"512Mi\", \"2Gi\" or \"1000000\""))
                .presentByDefault();
    }

    static ObjectSchema loraAdapter() {
        return object("A LoRA adapter.")
                .required("name", string("Model name clients use for the adapter.").maxLength(63))
                .required("repository", string("Repository of the adapter weights.").maxLength(255))
                .field("revision", string("Revision of the adapter weights.").withDefault("main").maxLength(64));
    }

    static ObjectSchema gateway() {
        return object("Gateway objects rendered for this model.")
                .field("enabled", bool("Render gateway routing objects.").withDefault(false))
                .field("canaries", list("Weighted splits from the base model to LoRA adapters.", object("A canary.")
                        .required("adapter", string("A loraAdapters name.").maxLength(63))
                        .required("weightPercent", integer("Share of traffic, percent.").range(1, 99))).maxItems(4))
                .field("endpointPicker", object("Gateway API Inference Extension endpoint picker.")
                        .field("enabled", bool("Use the endpoint picker.").withDefault(false))
                        .presentByDefault())
                .presentByDefault();
    }

    static ObjectSchema route() {
        return object("A per-model HTTPRoute.")
                .field("enabled", bool("Render the HTTPRoute.").withDefault(false))
                .field("hostname", string("Short host name (the private domain is appended).").maxLength(63)
                        .pattern(DNS_LABEL, "a short host name (a DNS label)"))
                .presentByDefault();
    }

    static ObjectSchema probe(long initialDelay, long period, long timeout, long failureThreshold) {
        return object("Probe timings.")
                .field("initialDelaySeconds", integer("Seconds before the first probe.").min(0).withDefault(initialDelay))
                .field("periodSeconds", integer("Seconds between probes.").min(1).withDefault(period))
                .field("timeoutSeconds", integer("Seconds before a probe times out.").min(1).withDefault(timeout))
                .field("failureThreshold", integer("Failures before action.").min(1).withDefault(failureThreshold))
                .presentByDefault();
    }

    static ObjectSchema engine() {
        return object("Which engine serves the model. Absent: vLLM on Kubernetes, the embedded engine under "
                + "sov serve.")
                .required("kind", string("vllm, embedded (Sovereign's Java engine), process (any OpenAI-compatible "
                        + "server command) or external (a URL).").oneOf("vllm", "embedded", "process", "external"))
                .field("url", string("Base URL of an external OpenAI-compatible server (kind: external).")
                        .pattern("https?://[^\\s]+", "an http:// or https:// URL"))
                .field("command", list("Command line of the server process (kind: process).",
                        string("An argument.")))
                .field("device", string("Where the embedded engine runs (kind: embedded): auto (the GPU when a CUDA "
                        + "driver and device answer, else the CPU), cpu or cuda (the first GPU; none is an error). "
                        + "Absent: cpu (docs/engine-cuda.md says why not yet auto).").oneOf("auto", "cpu", "cuda"));
    }

    private static dev.sovereign.spec.schema.StringSchema decimal(String description, String defaultValue) {
        return string(description + " A quoted decimal, as in the reference CRD.").withDefault(defaultValue)
                .pattern("[0-9]+(\\.[0-9]+)?", "a decimal number in quotes, such as \"0.7\"");
    }
}
