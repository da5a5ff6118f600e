package dev.sovereign.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.stream.Collectors;

/** JSON Schema validation (draft-07 unless the schema says otherwise, like Promptfoo's ajv default). */
final class JsonSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    private JsonSchemas() {
    }

    /** Null when {@code instance} conforms, else the validator's messages joined. */
    static String errors(JsonNode schema, JsonNode instance) {
        Schema compiled = REGISTRY.getSchema(schema);
        List<Error> errors = compiled.validate(instance);
        if (errors.isEmpty()) {
            return null;
        }
        return errors.stream().map(Error::toString).collect(Collectors.joining(", "));
    }
}
