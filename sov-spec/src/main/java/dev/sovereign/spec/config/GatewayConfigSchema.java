package dev.sovereign.spec.config;

import static dev.sovereign.spec.schema.ObjectSchema.object;
import static dev.sovereign.spec.schema.Schema.bool;
import static dev.sovereign.spec.schema.Schema.integer;
import static dev.sovereign.spec.schema.Schema.list;
import static dev.sovereign.spec.schema.Schema.string;
import static dev.sovereign.spec.schema.Schema.stringMap;

import dev.sovereign.spec.schema.ObjectSchema;
import dev.sovereign.spec.schema.StringSchema;

/** The {@code gateway} section of sov.yaml: where the front door listens and who may use it. */
public final class GatewayConfigSchema {

    private static final String NAME = "[a-z0-9]([-a-z0-9_.]*[a-z0-9])?";
    private static final String NAME_HINT = "a name: lower-case letters, digits, '-', '_' and '.'";

    private GatewayConfigSchema() {
    }

    public static ObjectSchema gateway() {
        return object("The front door: OpenAI- and Anthropic-compatible API for every model.")
                .field("listen", string("Address and port the gateway binds.").withDefault("127.0.0.1:8080")
                        .pattern("(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}", "host:port, such as 127.0.0.1:8080"))
                .field("maxBodyBytes", integer("Largest request body accepted, in bytes.").min(1024)
                        .withDefault(8L * 1024 * 1024))
                .field("maxRoutedBodyBytes", integer("Largest body of a request to the virtual model MoM, which the router "
                        + "reads whole before choosing; above it the answer is 413.").min(1024).withDefault(2L * 1024 * 1024))
                .field("adminKey", ConfigSchemas.secret("Key of the admin API (keys, usage).", true))
                .field("apiKeys", list("API keys declared in the file; more can be created through the admin API.",
                        apiKey()))
                .field("backends", list("Static upstreams (any OpenAI-compatible server), besides the models folder.",
                        backend()))
                .field("routes", list("Public model names served by weighted splits (canaries) and ordered fallbacks.",
                        route()))
                .field("aliases", stringMap("Other names of a model: alias -> model."))
                .field("prices", list("Price of each model, for usage cost and cost budgets.", price()))
                .field("tenants", list("Limits shared by all keys of a tenant.", object("A tenant's limits.")
                        .required("name", string("Tenant name.").maxLength(63).pattern(NAME, NAME_HINT))
                        .required("limits", limits())))
                .field("usageLedger", string("SQLite usage ledger, relative to dataDir.").withDefault("usage.db"))
                .field("state", state())
                .presentByDefault();
    }

    /** A shared PostgreSQL database for keys, revocations, budget reservations and usage (issue 18). */
    static ObjectSchema state() {
        return object("Shared state of every gateway replica (keys, revocations, budget reservations, usage) in "
                + "PostgreSQL; absent: the embedded SQLite file usageLedger, for one replica.")
                .required("url", string("The database, postgresql://HOST[:PORT]/DATABASE.")
                        .pattern("postgresql://(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?/[A-Za-z0-9_$-]+",
                                "postgresql://HOST[:PORT]/DATABASE, such as postgresql://db:5432/sovereign"))
                .required("user", string("Database user.").maxLength(63))
                .field("password", ConfigSchemas.secret("Database password (absent: none, for trust or peer "
                        + "authentication).", false))
                .field("schema", string("PostgreSQL schema of the gateway's tables; created when missing.")
                        .maxLength(63).pattern("[a-z_][a-z0-9_]*", "a lower-case SQL identifier such as sov_gateway")
                        .withDefault("sov_gateway"))
                .field("poolSize", integer("Database connections of each replica.").range(2, 100).withDefault(8));
    }

    static ObjectSchema apiKey() {
        return object("An API key of a tenant.")
                .required("tenant", string("Tenant the key belongs to; usage and limits are counted per tenant.")
                        .maxLength(63).pattern(NAME, "a tenant name: lower-case letters, digits, '-', '_' and '.'"))
                .required("key", ConfigSchemas.secret("The key.", true))
                .field("allowedModels", list("Models this key may use (empty: all).", string("A model name.")))
                .field("limits", limits());
    }

    static ObjectSchema backend() {
        return object("An upstream server.")
                .required("name", string("Backend name, used in errors, metrics and the usage ledger.").maxLength(63)
                        .pattern(NAME, NAME_HINT))
                .required("urls", list("Base URL of each replica, before /v1 (http://10.0.0.5:8000).",
                        string("A base URL.").pattern("https?://[^\\s/]+(/[^\\s]*)?", "an http:// or https:// URL")))
                .field("apiKey", ConfigSchemas.secret("Upstream credential, sent as Authorization: Bearer.", false))
                .field("provider", string("gen_ai.provider.name of the backend.").withDefault("openai"))
                .required("models", list("Model names the backend serves.", string("A model name.")))
                .field("timeoutSeconds", integer("Longest wait for an answer or for the next streamed bytes.")
                        .range(1, 3600).withDefault(60))
                .field("modelTimeouts", list("Per-model overrides of timeoutSeconds.", object("A model's timeout.")
                        .required("model", string("A model name."))
                        .required("seconds", integer("Timeout in seconds.").range(1, 3600))))
                .field("scrapeMetrics", bool("Scrape each replica's vLLM /metrics every 100 ms and send "
                        + "requests to the least loaded one.").withDefault(false));
    }

    static ObjectSchema route() {
        return object("A routed model name.")
                .required("model", string("The public model name clients send."))
                .required("split", list("Targets drawn by weight; a failed one falls back to the others.", target(true)))
                .field("fallbacks", list("Targets tried in order when the split's targets fail before answering.",
                        target(false)));
    }

    static ObjectSchema target(boolean weighted) {
        ObjectSchema target = object("A backend and the model name it knows the model by.")
                .required("backend", string("A backend name."))
                .field("model", string("Model name sent to this backend (default: the route's model)."));
        if (weighted) {
            target.field("weight", integer("Share of the requests (weights need not sum to 100).").range(0, 1_000_000)
                    .withDefault(1));
        }
        return target;
    }

    static ObjectSchema price() {
        return object("USD per million tokens of one model, as quoted decimal strings (\"0.15\").")
                .required("model", string("A model name."))
                .field("inputPerMillion", decimal("Price of a million input tokens."))
                .field("cachedInputPerMillion", decimal("Price of a million input tokens served from the prefix cache "
                        + "(default: the input price)."))
                .field("outputPerMillion", decimal("Price of a million output tokens."));
    }

    static ObjectSchema limits() {
        return object("Limits; 0 or absent switches one off.")
                .field("requestsPerMinute", integer("Requests admitted per minute.").min(0))
                .field("tokensPerMinute", integer("Input plus output tokens per minute.").min(0))
                .field("concurrent", integer("Requests in flight at once.").min(0))
                .field("tokenBudget", integer("Tokens per budget period, reserved before each call.").min(0))
                .field("costBudgetUsd", decimal("USD per budget period, reserved before each call."))
                .field("budgetPeriodSeconds", integer("Length of a budget period (aligned on the epoch).")
                        .min(60).withDefault(30L * 24 * 3600));
    }

    private static StringSchema decimal(String description) {
        return string(description + " A decimal number in quotes.").pattern("[0-9]+(\\.[0-9]+)?", "a decimal number such as \"0.15\"");
    }
}
