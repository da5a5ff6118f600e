package dev.sovereign.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import java.io.IOException;

/**
 * Reads client request bodies into wire types and turns every failure into a 400 that names the
 * field at fault ({@code messages[1].role: ...}), so no parser message or stack trace leaks.
 */
public final class RequestReader {

    private RequestReader() {
    }

    /** Parses a body that must be one JSON object. */
    public static ObjectNode readObject(byte[] body) {
        JsonNode node;
        try {
            node = WireJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiErrors.malformedJson(e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw ApiErrors.malformedJson(e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw ApiErrors.malformedJson("the body is empty");
        }
        if (!node.isObject()) {
            throw ApiErrors.malformedJson("expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    /** Binds an already parsed object to a wire type, validating field types and required fields. */
    public static <T> T bind(JsonNode tree, Class<T> type) {
        try {
            return WireJson.mapper().treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ApiException api) {
                throw prefixed(api, path(e));
            }
            throw ApiErrors.invalidField(orBody(path(e)), e.getOriginalMessage());
        } catch (InvalidFormatException e) {
            throw ApiErrors.invalidField(orBody(path(e)), "'" + e.getValue() + "' is not a valid " + simpleName(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw ApiErrors.invalidField(orBody(path(e)), "expected " + describe(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw ApiErrors.malformedJson(e.getOriginalMessage());
        }
    }

    public static <T> T read(byte[] body, Class<T> type) {
        return bind(readObject(body), type);
    }

    private static ApiException prefixed(ApiException api, String path) {
        String field = api.error().param();
        if (path.isEmpty() || field == null) {
            return api;
        }
        String full = path + "." + field;
        String message = api.getMessage().startsWith(field + ":") ? full + api.getMessage().substring(field.length()) : api.getMessage();
        return new ApiException(api.status(), new dev.sovereign.api.error.ApiError(message, api.error().type(), full, api.error().code()));
    }

    /** The JSON path of the failure in the snake_case names the client sent. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String orBody(String path) {
        return path.isEmpty() ? "body" : path;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different JSON type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "value" : type.getSimpleName().toLowerCase();
    }
}
