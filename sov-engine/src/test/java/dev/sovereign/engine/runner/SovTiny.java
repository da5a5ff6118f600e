package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import java.nio.file.Path;

/** The bundled sov-tiny model, loaded once per test JVM (it is read-only). */
public final class SovTiny {

    private static LoadedModel model;

    private SovTiny() {
    }

    public static synchronized LoadedModel model() {
        if (model == null) {
            model = ModelLoader.load(Path.of(System.getProperty("sov.root"), "models", "sov-tiny"));
        }
        return model;
    }
}
