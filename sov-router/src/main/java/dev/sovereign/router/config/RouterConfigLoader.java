package dev.sovereign.router.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a router YAML file (or the bundled default) and validates it. */
public final class RouterConfigLoader {

    public static final String DEFAULT_RESOURCE = "dev/sovereign/router/default-router.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RouterConfigLoader() {
    }

    public static RouterConfig bundledDefault() {
        try (InputStream in = RouterConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new RouterConfigException("bundled router config " + DEFAULT_RESOURCE + " is missing");
            }
            return parse(in.readAllBytes(), "bundled default-router.yaml");
        } catch (IOException e) {
            throw new RouterConfigException("cannot read the bundled router config: " + e.getMessage(), e);
        }
    }

    public static RouterConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RouterConfigException("router config not found: " + file);
        }
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new RouterConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String path(java.util.List<com.fasterxml.jackson.databind.JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (var r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    public static RouterConfig parse(byte[] yaml, String source) {
        RouterConfig config;
        try {
            config = YAML.readValue(yaml, RouterConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new RouterConfigException(source + ": unknown field '" + e.getPropertyName() + "'"
                    + (e.getPath().size() > 1 ? " in " + path(e.getPath().subList(0, e.getPath().size() - 1)) : ""), e);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "" : path(e.getPath()) + ": ";
            throw new RouterConfigException(source + ": " + field + e.getOriginalMessage().split("\n")[0], e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new RouterConfigException(source + ": " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new RouterConfigException(source + ": " + e.getMessage(), e);
        }
        if (config == null) {
            throw new RouterConfigException(source + ": empty router config");
        }
        new RouterConfigValidator(source).validate(config);
        return config;
    }
}
