package dev.sovereign.engine.cuda;

import java.util.function.Supplier;

/**
 * A library's bindings, made on first use; a failed load is remembered and reported with the same message on every
 * later call, without searching the disk again.
 */
final class LoadOnce<T> {

    private final Supplier<T> loader;
    private T value;
    private CudaException failure;

    LoadOnce(Supplier<T> loader) {
        this.loader = loader;
    }

    synchronized T get() {
        if (value != null) {
            return value;
        }
        if (failure != null) {
            throw new CudaException(failure.getMessage(), failure);
        }
        try {
            value = loader.get();
            return value;
        } catch (CudaException e) {
            failure = e;
            throw e;
        }
    }
}
