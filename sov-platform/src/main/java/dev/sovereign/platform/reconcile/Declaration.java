package dev.sovereign.platform.reconcile;

import dev.sovereign.spec.inference.InferenceService;
import java.nio.file.Path;

/** A valid InferenceService and the file that declares it. */
record Declaration(InferenceService service, Path file) {

    String name() {
        return service.name();
    }
}
