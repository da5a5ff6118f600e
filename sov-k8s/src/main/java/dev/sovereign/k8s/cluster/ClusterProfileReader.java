package dev.sovereign.k8s.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sovereign.k8s.cluster.ClusterProfile.GpuScheduling;
import dev.sovereign.k8s.cluster.ClusterProfile.ModelCache;
import dev.sovereign.k8s.cluster.ClusterProfile.Namespaces;
import dev.sovereign.k8s.cluster.ClusterProfile.Scraper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a cluster profile file. Every field is optional (the plain cluster's value stands
 * in), every unknown field is refused, and each error names the field's path: a typo such as
 * {@code runtimeClass} must not silently fall back to a default on a real cluster.
 */
final class ClusterProfileReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    private final String source;

    private ClusterProfileReader(String source) {
        this.source = source;
    }

    static ClusterProfile read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cluster profile " + file + ": " + e.getMessage(), e);
        }
    }

    static ClusterProfile parse(String yaml, String source) {
        Object root;
        try {
            root = yaml.isBlank() ? null : YAML.readValue(yaml, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not YAML: " + e.getOriginalMessage(), e);
        }
        return new ClusterProfileReader(source).profile(root == null ? Map.of() : root);
    }

    private ClusterProfile profile(Object root) {
        ClusterProfile plain = ClusterProfile.plain();
        Map<String, Object> top = object(root, "", Set.of("gpu", "namespaces", "scraper", "modelCache", "imageRegistry"));
        return new ClusterProfile(
                gpu(top.get("gpu"), plain.gpu()),
                namespaces(top.get("namespaces"), plain.namespaces()),
                scraper(top.get("scraper"), plain.scraper()),
                modelCache(top.get("modelCache"), plain.modelCache()),
                imageRegistry(top, plain.imageRegistry()));
    }

    private String imageRegistry(Map<String, Object> top, String plain) {
        String registry = string(top, "imageRegistry", "", plain);
        if (registry == null) {
            return "";
        }
        if (!registry.isEmpty() && !registry.matches("[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*/?")) {
            throw error("imageRegistry", "a registry host with an optional port and path, got '" + registry + "'");
        }
        return registry;
    }

    private GpuScheduling gpu(Object value, GpuScheduling plain) {
        Map<String, Object> gpu = object(value, "gpu", Set.of("nodeSelector", "tolerations", "runtimeClassName"));
        Map<String, String> selector = plain.nodeSelector();
        if (gpu.containsKey("nodeSelector")) {
            selector = new TreeMap<>();
            for (Map.Entry<String, Object> label : object(gpu.get("nodeSelector"), "gpu.nodeSelector", null).entrySet()) {
                selector.put(label.getKey(), scalar(label.getValue(), "gpu.nodeSelector." + label.getKey()));
            }
        }
        List<Map<String, Object>> tolerations = plain.tolerations();
        if (gpu.containsKey("tolerations")) {
            tolerations = new ArrayList<>();
            if (!(gpu.get("tolerations") instanceof List<?> list)) {
                throw error("gpu.tolerations", "a list of tolerations");
            }
            for (int i = 0; i < list.size(); i++) {
                tolerations.add(object(list.get(i), "gpu.tolerations[" + i + "]",
                        Set.of("key", "operator", "value", "effect", "tolerationSeconds")));
            }
        }
        String runtimeClass = string(gpu, "runtimeClassName", "gpu.", plain.runtimeClassName());
        if (runtimeClass != null && runtimeClass.isEmpty()) {
            runtimeClass = null;
        }
        if (runtimeClass != null && !runtimeClass.matches(DNS_LABEL)) {
            throw error("gpu.runtimeClassName", "a DNS label, got '" + runtimeClass + "'");
        }
        return new GpuScheduling(selector, tolerations, runtimeClass);
    }

    private Namespaces namespaces(Object value, Namespaces plain) {
        Map<String, Object> namespaces = object(value, "namespaces", Set.of("gateway", "router", "eval"));
        return new Namespaces(
                namespace(namespaces, "gateway", plain.gateway()),
                namespace(namespaces, "router", plain.router()),
                namespace(namespaces, "eval", plain.eval()));
    }

    private String namespace(Map<String, Object> namespaces, String key, String plain) {
        String name = string(namespaces, key, "namespaces.", plain);
        if (name == null) {
            return "";
        }
        if (!name.isEmpty() && !name.matches(DNS_LABEL)) {
            throw error("namespaces." + key, "a namespace name (DNS label) or \"\" for the model's own, got '" + name + "'");
        }
        return name;
    }

    private Scraper scraper(Object value, Scraper plain) {
        Map<String, Object> scraper = object(value, "scraper", Set.of("kind", "namespace", "queryUrl"));
        String kind = string(scraper, "kind", "scraper.", plain.kind());
        if (!List.of(ClusterProfile.VMAGENT, ClusterProfile.PROMETHEUS_OPERATOR, ClusterProfile.NONE).contains(kind)) {
            throw error("scraper.kind", "one of vmagent, prometheus-operator, none; got '" + kind + "'");
        }
        String namespace = string(scraper, "namespace", "scraper.", plain.namespace());
        if (namespace == null || !namespace.matches(DNS_LABEL)) {
            throw error("scraper.namespace", "a namespace name, got '" + namespace + "'");
        }
        String url = string(scraper, "queryUrl", "scraper.", plain.queryUrl());
        if (url == null || !url.matches("https?://[^\\s]+")) {
            throw error("scraper.queryUrl", "an http(s) URL, got '" + url + "'");
        }
        return new Scraper(kind, namespace, url);
    }

    private ModelCache modelCache(Object value, ModelCache plain) {
        Map<String, Object> cache = object(value, "modelCache", Set.of("claimName", "storageClass", "size"));
        String claim = string(cache, "claimName", "modelCache.", plain.claimName());
        if (claim == null || !claim.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            throw error("modelCache.claimName", "a PersistentVolumeClaim name, got '" + claim + "'");
        }
        String storageClass = string(cache, "storageClass", "modelCache.", plain.storageClass());
        if (storageClass != null && storageClass.isEmpty()) {
            storageClass = null;
        }
        String size = string(cache, "size", "modelCache.", plain.size());
        if (size == null || !size.matches("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?")) {
            throw error("modelCache.size", "a quantity such as 100Gi, got '" + size + "'");
        }
        return new ModelCache(claim, storageClass, size);
    }

    /** A mapping (absent: empty); {@code allowed} null accepts any key. */
    private Map<String, Object> object(Object value, String path, Set<String> allowed) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error(path.isEmpty() ? "(top level)" : path, "a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        if (allowed != null) {
            for (String key : out.keySet()) {
                if (!allowed.contains(key)) {
                    throw error(path.isEmpty() ? key : path + "." + key,
                            "unknown field; known: " + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
            }
        }
        return out;
    }

    private String string(Map<String, Object> object, String key, String prefix, String plain) {
        if (!object.containsKey(key)) {
            return plain;
        }
        Object value = object.get(key);
        return value == null ? null : scalar(value, prefix + key);
    }

    private String scalar(Object value, String path) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw error(path, "a string");
        }
        return String.valueOf(value);
    }

    private IllegalArgumentException error(String path, String expected) {
        return new IllegalArgumentException(source + ": " + path + ": " + expected);
    }
}
