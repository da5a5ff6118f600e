package dev.sovereign.k8s.operator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Puts in front of fabric8's CRUD mock the two behaviours of a real API server the operator
 * depends on and the mock lacks (it answers apply patches 415 and lets a Job's pod template
 * change):
 * <ul>
 *   <li>server-side apply, reduced to what one field manager sees: the applied fields are
 *       merged into the object (lists replaced whole), and fields that manager applied
 *       last time but not this time are removed; a missing object is created;</li>
 *   <li>a Job's {@code spec.template} is immutable: an update that changes it answers 422,
 *       as kube-apiserver does;</li>
 *   <li>{@code metadata.managedFields} says who wrote an object last (apply, or a plain
 *       update, whose manager defaults to {@code kubectl-edit}).</li>
 * </ul>
 * Conflicts between managers and associative list merging are not modelled: the operator
 * is the only writer of its objects' spec. Every apply request is recorded with its body.
 */
final class ServerSideApplyDispatcher extends Dispatcher {

    /** One apply patch as received. */
    record Apply(String path, String fieldManager, Map<String, Object> body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Millisecond precision (the API server keeps seconds) so two writes in one second stay ordered. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Dispatcher crud;
    private final Map<String, Set<List<String>>> owned = new HashMap<>();
    private final List<Apply> applies = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    ServerSideApplyDispatcher(Dispatcher crud) {
        this.crud = crud;
    }

    List<Apply> applies() {
        return applies;
    }

    /** Paths of the updates refused with 422 because they changed an immutable field. */
    List<String> rejected() {
        return rejected;
    }

    /** Every request received, as "METHOD path". */
    List<String> requests() {
        return requests;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getPath());
        String contentType = Objects.requireNonNullElse(request.getHeader("Content-Type"), "");
        if ("PATCH".equals(request.getMethod()) && contentType.startsWith("application/apply-patch")) {
            synchronized (this) {
                return apply(request);
            }
        }
        if ("PUT".equals(request.getMethod()) && isNamespacedObject(request.getPath())
                && !request.getPath().endsWith("/status")) {
            synchronized (this) {
                String path = request.getPath().split("\\?")[0];
                Map<String, Object> existing = get(path);
                Map<String, Object> updated = read(request.getUtf8Body());
                if (existing != null && isJob(path) && templateChanged(existing, updated)) {
                    return immutable(path);
                }
                String manager = param(request.getPath(), "fieldManager");
                recordWriter(updated, manager.isEmpty() ? "kubectl-edit" : manager, "Update");
                return crud.dispatch(request(HttpMethod.PUT, path, updated));
            }
        }
        return crud.dispatch(request);
    }

    private MockResponse apply(RecordedRequest request) {
        String full = request.getPath();
        int query = full.indexOf('?');
        String path = query < 0 ? full : full.substring(0, query);
        String manager = param(full, "fieldManager");
        Map<String, Object> body = read(request.getUtf8Body());
        applies.add(new Apply(path, manager, body));
        boolean status = path.endsWith("/status");
        String objectPath = status ? path.substring(0, path.length() - "/status".length()) : path;
        Map<String, Object> source = new LinkedHashMap<>(body);
        if (status) {
            source = new LinkedHashMap<>(Map.of("status", Objects.requireNonNullElse(body.get("status"), Map.of())));
        } else {
            source.remove("status");
        }
        Set<List<String>> applied = leaves(source, List.of());
        String key = objectPath + "|" + manager + "|" + status;
        for (int attempt = 0; ; attempt++) {
            Map<String, Object> existing = get(objectPath);
            MockResponse response;
            if (existing == null) {
                if (status) {
                    return crud.dispatch(request(HttpMethod.GET, objectPath, null));
                }
                Map<String, Object> created = deepCopy(body);
                recordWriter(created, manager, "Apply");
                response = crud.dispatch(request(HttpMethod.POST, objectPath.substring(0, objectPath.lastIndexOf('/')),
                        created));
            } else {
                Map<String, Object> target = deepCopy(existing);
                for (List<String> leaf : owned.getOrDefault(key, Set.of())) {
                    if (!applied.contains(leaf)) {
                        remove(target, leaf, 0);
                    }
                }
                merge(target, source);
                if (!status) {
                    recordWriter(target, manager, "Apply");
                }
                if (!status && isJob(objectPath) && templateChanged(existing, target)) {
                    return immutable(objectPath);
                }
                response = crud.dispatch(request(HttpMethod.PUT, path, target));
            }
            if (response.code() / 100 == 2) {
                owned.put(key, applied);
                return response;
            }
            if (response.code() != 409 || attempt == 5) {
                return response;
            }
        }
    }

    /**
     * Records the writer in {@code metadata.managedFields}, as the API server does (one entry per
     * manager and operation, with the time), without the field set: the operator reads only who
     * wrote last.
     */
    @SuppressWarnings("unchecked")
    private static void recordWriter(Map<String, Object> object, String manager, String operation) {
        Map<String, Object> metadata = (Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        List<Object> entries = new ArrayList<>((List<Object>) metadata.getOrDefault("managedFields", List.of()));
        entries.removeIf(e -> e instanceof Map<?, ?> m && manager.equals(m.get("manager"))
                && operation.equals(m.get("operation")));
        entries.add(new LinkedHashMap<>(Map.of("manager", manager, "operation", operation,
                "apiVersion", Objects.toString(object.get("apiVersion"), "v1"), "fieldsType", "FieldsV1",
                "time", TIME.format(Instant.now()))));
        metadata.put("managedFields", entries);
    }

    private Map<String, Object> get(String path) {
        MockResponse response = crud.dispatch(request(HttpMethod.GET, path, null));
        if (response.code() != 200) {
            return null;
        }
        return read(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
    }

    private MockResponse immutable(String path) {
        rejected.add(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        Map<String, Object> status = Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure",
                "reason", "Invalid", "code", 422,
                "message", "Job.batch \"" + name + "\" is invalid: spec.template: Invalid value: field is immutable");
        return new MockResponse().setResponseCode(422).setBody(write(status));
    }

    /** A path of one namespaced object (not a collection, not a watch). */
    private static boolean isNamespacedObject(String path) {
        String[] steps = path.split("\\?")[0].split("/");
        int namespaces = java.util.Arrays.asList(steps).indexOf("namespaces");
        return namespaces > 0 && steps.length == namespaces + 4;
    }

    private static boolean isJob(String path) {
        return path.contains("/apis/batch/v1/") && path.contains("/jobs/");
    }

    @SuppressWarnings("unchecked")
    private static boolean templateChanged(Map<String, Object> before, Map<String, Object> after) {
        Object was = before.get("spec") instanceof Map<?, ?> spec ? ((Map<String, Object>) spec).get("template") : null;
        Object now = after.get("spec") instanceof Map<?, ?> spec ? ((Map<String, Object>) spec).get("template") : null;
        return now != null && !Objects.equals(was, now);
    }

    /** Leaf paths of an applied object; lists count as one leaf, as atomic lists do in server-side apply. */
    @SuppressWarnings("unchecked")
    private static Set<List<String>> leaves(Map<String, Object> object, List<String> prefix) {
        Set<List<String>> out = new HashSet<>();
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
                out.addAll(leaves((Map<String, Object>) child, path));
            } else {
                out.add(List.copyOf(path));
            }
        }
        return out;
    }

    /** Removes a leaf and the maps it leaves empty. */
    @SuppressWarnings("unchecked")
    private static void remove(Map<String, Object> object, List<String> path, int depth) {
        String step = path.get(depth);
        if (depth == path.size() - 1) {
            object.remove(step);
            return;
        }
        if (object.get(step) instanceof Map<?, ?> child) {
            remove((Map<String, Object>) child, path, depth + 1);
            if (child.isEmpty()) {
                object.remove(step);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> source) {
        for (Map.Entry<String, Object> entry : source.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> child && target.get(entry.getKey()) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) child);
            } else {
                target.put(entry.getKey(), entry.getValue());
            }
        }
    }

    private static String param(String path, String name) {
        for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return "";
    }

    private static RecordedRequest request(HttpMethod method, String path, Map<String, Object> body) {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        Buffer buffer = body == null ? new Buffer() : new Buffer(write(body).getBytes(StandardCharsets.UTF_8));
        return new RecordedRequest("HTTP/1.1", method, path, headers, buffer);
    }

    private static Map<String, Object> deepCopy(Map<String, Object> object) {
        return read(write(object));
    }

    private static Map<String, Object> read(String text) {
        try {
            return YAML.readValue(text, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
