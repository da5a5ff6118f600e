package dev.sovereign.spec.config;

import static dev.sovereign.spec.schema.ObjectSchema.object;
import static dev.sovereign.spec.schema.Schema.integer;
import static dev.sovereign.spec.schema.Schema.list;
import static dev.sovereign.spec.schema.Schema.string;

import dev.sovereign.spec.schema.ObjectSchema;

/** The {@code gateway} section of sov.yaml: where the front door listens and who may use it. */
public final class GatewayConfigSchema {

    private GatewayConfigSchema() {
    }

    public static ObjectSchema gateway() {
        return object("The front door: OpenAI- and Anthropic-compatible API for every model.")
                .field("listen", string("Address and port the gateway binds.").withDefault("127.0.0.1:8080")
                        .pattern("(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}", "host:port, such as 127.0.0.1:8080"))
                .field("maxBodyBytes", integer("Largest request body accepted, in bytes.").min(1024)
                        .withDefault(8L * 1024 * 1024))
                .field("adminKey", ConfigSchemas.secret("Key of the admin API (keys, usage).", true))
                .field("apiKeys", list("API keys declared in the file; more can be created through the admin API.",
                        apiKey()))
                .presentByDefault();
    }

    static ObjectSchema apiKey() {
        return object("An API key of a tenant.")
                .required("tenant", string("Tenant the key belongs to; usage and limits are counted per tenant.")
                        .maxLength(63).pattern("[a-z0-9]([-a-z0-9_.]*[a-z0-9])?",
                                "a tenant name: lower-case letters, digits, '-', '_' and '.'"))
                .required("key", ConfigSchemas.secret("The key.", true))
                .field("allowedModels", list("Models this key may use (empty: all).", string("A model name.")));
    }
}
