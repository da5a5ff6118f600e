package dev.sovereign.spec.config;

import static dev.sovereign.spec.schema.ObjectSchema.object;
import static dev.sovereign.spec.schema.Schema.bool;
import static dev.sovereign.spec.schema.Schema.integer;
import static dev.sovereign.spec.schema.Schema.string;

import dev.sovereign.spec.schema.ObjectSchema;

/**
 * Every field of {@code sov.yaml}, the platform configuration of {@code sov serve} and
 * {@code sov gateway}. docs/configuration.md documents the same fields.
 */
public final class PlatformConfigSchema {

    public static final String KIND = "PlatformConfig";
    /** Leaves room for the gateway, the router and requests in flight next to the KV caches. */
    public static final int DEFAULT_KV_CACHE_HEAP_PERCENT = 40;

    private PlatformConfigSchema() {
    }

    public static ObjectSchema document() {
        return object("Sovereign's platform configuration.")
                .field("apiVersion", string("API version.").oneOf("sovereign.dev/v1alpha1")
                        .withDefault("sovereign.dev/v1alpha1"))
                .field("kind", string("Kind of document.").oneOf(KIND).withDefault(KIND))
                .field("gateway", GatewayConfigSchema.gateway())
                .field("router", object("The semantic router behind the virtual model MoM.")
                        .field("enabled", bool("Offer the virtual model MoM.").withDefault(true))
                        .field("config", string("Router configuration file (default: the bundled decision table)."))
                        .field("failClosed", bool("Refuse (503) a MoM request when the router fails, rather than serve the "
                                + "default model unguarded (default: on when the router guards jailbreaks or PII)."))
                        .presentByDefault())
                .field("engine", object("Sovereign's engine in this process (embedded replicas of sov serve).")
                        .field("kvCacheHeapPercent", integer("Share of the JVM heap (-Xmx) the KV caches of all embedded "
                                + "replicas may take together, as vLLM's --gpu-memory-utilization bounds its GPU memory; "
                                + "a model's spec.cache.kvCacheMemory takes from the same share.")
                                .range(1, 90).withDefault(DEFAULT_KV_CACHE_HEAP_PERCENT))
                        .presentByDefault())
                .field("models", string("Folder of InferenceService files to serve (relative to this file's folder; "
                        + "default: the bundled models)."))
                .field("dataDir", string("Folder for keys, usage ledger and downloaded weights (relative to this "
                        + "file's folder; default: $SOV_DATA_DIR, else $XDG_DATA_HOME/sovereign, else "
                        + "~/.local/share/sovereign)."));
    }
}
