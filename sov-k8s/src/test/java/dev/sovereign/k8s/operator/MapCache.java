package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An informer cache's read side over a map, for tests of code that only reads caches. */
final class MapCache<T extends HasMetadata> implements Cache<T> {

    private final Map<ResourceID, T> items = new ConcurrentHashMap<>();

    MapCache<T> put(T item) {
        items.put(ResourceID.fromResource(item), item);
        return this;
    }

    @Override
    public Optional<T> get(ResourceID id) {
        return Optional.ofNullable(items.get(id));
    }

    @Override
    public Stream<ResourceID> keys() {
        return items.keySet().stream();
    }

    @Override
    public Stream<T> list(Predicate<T> predicate) {
        return items.values().stream().filter(predicate);
    }
}
