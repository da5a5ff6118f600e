package dev.sovereign.k8s.render;

import dev.sovereign.spec.inference.InferenceServiceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The YAML files of a folder that hold at least one InferenceService, sorted by path. A file
 * that does not parse is kept, so that its error is reported rather than silently skipped.
 */
final class InferenceServiceYamlFiles {

    private InferenceServiceYamlFiles() {
    }

    static List<Path> in(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> out = new ArrayList<>();
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList()) {
                if (holdsInferenceService(file)) {
                    out.add(file);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean holdsInferenceService(Path file) {
        try {
            for (Object document : new Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
                if (document instanceof Map<?, ?> map && InferenceServiceSchema.KIND.equals(map.get("kind"))) {
                    return true;
                }
            }
            return false;
        } catch (YAMLException | IOException e) {
            return true;
        }
    }
}
