package dev.sovereign.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.spec.config.GatewayConfigSchema;
import dev.sovereign.spec.schema.Field;
import dev.sovereign.spec.schema.IntegerSchema;
import dev.sovereign.spec.schema.ListSchema;
import dev.sovereign.spec.schema.ObjectSchema;
import dev.sovereign.spec.schema.StringSchema;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@code POST /admin/keys} body against the same definitions sov.yaml's
 * {@code gateway.apiKeys} entries are checked with (sov-spec's {@link GatewayConfigSchema}), so a
 * key the admin API accepts is one the file would accept: the tenant's length and characters,
 * each limit's range. The API spells fields in snake_case, the file in camelCase. Errors are 400
 * naming the field.
 */
final class NewKeyValidation {

    private static final Set<String> TOP_LEVEL = Set.of("tenant", "allowed_models", "limits");

    private final StringSchema tenant;
    private final ObjectSchema limits;

    NewKeyValidation() {
        ObjectSchema apiKey = (ObjectSchema) ((ListSchema) GatewayConfigSchema.gateway().fields().get("apiKeys").schema()).items();
        this.tenant = (StringSchema) apiKey.fields().get("tenant").schema();
        this.limits = (ObjectSchema) apiKey.fields().get("limits").schema();
    }

    void check(ObjectNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP_LEVEL.contains(name)) {
                throw ApiErrors.invalidField(name, "unknown field; expected one of " + TOP_LEVEL);
            }
        }
        checkTenant(body.get("tenant"));
        JsonNode models = body.get("allowed_models");
        if (models != null && !models.isNull()) {
            if (!models.isArray()) {
                throw ApiErrors.invalidField("allowed_models", "expected a list of model names");
            }
            for (int i = 0; i < models.size(); i++) {
                if (!models.get(i).isTextual() || models.get(i).asText().isBlank()) {
                    throw ApiErrors.invalidField("allowed_models[" + i + "]", "expected a non-empty model name");
                }
            }
        }
        JsonNode given = body.get("limits");
        if (given != null && !given.isNull()) {
            checkLimits(given);
        }
    }

    private void checkTenant(JsonNode value) {
        if (value == null || value.isNull()) {
            throw ApiErrors.missingField("tenant");
        }
        if (!value.isTextual()) {
            throw ApiErrors.invalidField("tenant", "expected a string");
        }
        String text = value.asText();
        if (tenant.maxLength() != null && text.length() > tenant.maxLength()) {
            throw ApiErrors.invalidField("tenant", "must be at most " + tenant.maxLength() + " characters (got " + text.length() + ")");
        }
        if (tenant.pattern() != null && !tenant.pattern().matcher(text).matches()) {
            throw ApiErrors.invalidField("tenant", "must be " + tenant.patternHint());
        }
    }

    private void checkLimits(JsonNode given) {
        if (!given.isObject()) {
            throw ApiErrors.invalidField("limits", "expected an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "limits." + entry.getKey();
            Field field = limits.fields().get(camelCase(entry.getKey()));
            if (field == null) {
                throw ApiErrors.invalidField(path, "unknown limit; expected one of "
                        + limits.fields().keySet().stream().map(NewKeyValidation::snakeCase).toList());
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (field.schema() instanceof IntegerSchema range) {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw ApiErrors.invalidField(path, "expected a whole number, got " + value);
                }
                long n = value.asLong();
                if (range.minimum() != null && n < range.minimum()) {
                    throw ApiErrors.invalidField(path, "must be >= " + range.minimum() + " (got " + n + ")");
                }
                if (range.maximum() != null && n > range.maximum()) {
                    throw ApiErrors.invalidField(path, "must be <= " + range.maximum() + " (got " + n + ")");
                }
            } else if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
                // the file's decimal strings admit no sign: a cost is a finite number >= 0
                throw ApiErrors.invalidField(path, "must be a number >= 0, got " + value);
            }
        }
    }

    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
