package dev.sovereign.api.wallfixture;

import dev.sovereign.spec.inference.InferenceService;

/** Test fixture: an sov-api class using sov-spec, which sov-api may not import. */
public final class ApiClassThatBreaksTheWall {

    public String name(InferenceService service) {
        return service.name();
    }
}
