package dev.sovereign.spec.config;

import static dev.sovereign.spec.schema.ObjectSchema.object;
import static dev.sovereign.spec.schema.Schema.string;

import dev.sovereign.spec.schema.ObjectSchema;

/** Schema pieces shared by the sections of the platform configuration. */
public final class ConfigSchemas {

    private ConfigSchemas() {
    }

    /** A secret from {@code env}, {@code file} or {@code value}; with {@code allowHash}, also {@code sha256}. */
    public static ObjectSchema secret(String description, boolean allowHash) {
        ObjectSchema schema = object(description)
                .field("env", string("Name of the environment variable holding the secret."))
                .field("file", string("File holding the secret (relative to the config file's folder)."))
                .field("value", string("The secret itself, inline (local experiments only)."));
        if (allowHash) {
            schema.field("sha256", string("Hex SHA-256 of the secret: the secret itself stays out of the file.")
                    .pattern("[0-9a-f]{64}", "64 lower-case hex digits"));
            return schema.exactlyOneOf("env", "file", "value", "sha256");
        }
        return schema.exactlyOneOf("env", "file", "value");
    }
}
