package dev.sovereign.eval.config;

import java.nio.file.Path;

/** {@code file://} references, resolved against the folder of the file that holds them. */
final class FileRefs {

    private FileRefs() {
    }

    static boolean isRef(String text) {
        return text.startsWith("file://");
    }

    static Path resolve(Path base, String ref) {
        return base.resolve(ref.substring("file://".length())).normalize();
    }
}
