package dev.sovereign.engine.server;

import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.engine.runner.ServingEngine;

/** The served model name a request must use (absent is accepted, as vLLM does). */
final class ModelName {

    private ModelName() {
    }

    static void check(String model, ServingEngine engine) {
        if (model != null && !model.equals(engine.settings().servedModelName())) {
            throw ApiErrors.modelNotFound(model);
        }
    }
}
