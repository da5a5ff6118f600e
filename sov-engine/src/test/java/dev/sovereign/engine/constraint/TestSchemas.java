package dev.sovereign.engine.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The schemas structured outputs are tested with (nesting, enums, arrays, bounds), and an independent validator
 * (networknt json-schema-validator) that judges what the constraint produced.
 */
public final class TestSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** Enums, an optional bounded array of strings, closed object. */
    public static final String PERSON = """
            {"type":"object","properties":{
              "name":{"type":"string","minLength":1,"maxLength":12},
              "age":{"type":"integer"},
              "role":{"enum":["admin","user","guest"]},
              "tags":{"type":"array","items":{"type":"string","maxLength":8},"maxItems":2}},
             "required":["name","age","role"],"additionalProperties":false}""";

    /** Nested objects inside an array inside an object, a nullable enum, an optional property. */
    public static final String ORDER = """
            {"type":"object","properties":{
              "id":{"type":"integer"},
              "customer":{"type":"object","properties":{
                 "name":{"type":"string","maxLength":10},"vip":{"type":"boolean"}},
                 "required":["name","vip"],"additionalProperties":false},
              "items":{"type":"array","minItems":1,"maxItems":2,"items":{"type":"object","properties":{
                 "sku":{"type":"string","maxLength":6},"quantity":{"type":"integer"},"size":{"enum":["S","M","L",null]}},
                 "required":["sku","quantity"],"additionalProperties":false}}},
             "required":["id","customer","items"],"additionalProperties":false}""";

    /** A bounded array of objects with a number, a type list and a string enum; $defs through $ref. */
    public static final String FORECAST = """
            {"type":"object","$defs":{"day":{"type":"object","properties":{
                 "day":{"enum":["mon","tue","wed"]},"temperature":{"type":"number"},"rain":{"type":["boolean","null"]}},
                 "required":["day","temperature","rain"],"additionalProperties":false}},
             "properties":{
              "city":{"type":"string","minLength":1,"maxLength":10},
              "unit":{"type":"string","enum":["celsius","fahrenheit"]},
              "forecast":{"type":"array","minItems":1,"maxItems":2,"items":{"$ref":"#/$defs/day"}}},
             "required":["city","unit","forecast"],"additionalProperties":false}""";

    public static final List<String> ALL = List.of(PERSON, ORDER, FORECAST);

    private TestSchemas() {
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when {@code document} parses and conforms to {@code schema}, else what is wrong. */
    public static String violations(String schema, String document) {
        JsonNode instance;
        try {
            instance = JSON.readTree(document);
        } catch (java.io.IOException e) {
            return "not JSON: " + e.getMessage();
        }
        return violations(tree(schema), instance);
    }

    public static String violations(JsonNode schema, JsonNode instance) {
        Schema compiled = REGISTRY.getSchema(schema);
        List<Error> errors = compiled.validate(instance);
        return errors.isEmpty() ? null : errors.stream().map(Error::toString).collect(Collectors.joining("; "));
    }
}
