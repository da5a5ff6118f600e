package dev.sovereign.k8s.render;

import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code sov render}: InferenceService files or folders in, one YAML stream of every object out. */
public final class RenderFiles {

    private RenderFiles() {
    }

    /**
     * The YAML of every object; an invalid file stops everything with each of its problems
     * listed. Folders are walked for files holding InferenceServices; their other files (a
     * GitOps folder also holds dashboards, rules, configs) are skipped.
     */
    public static String render(List<Path> paths, RenderOptions options) {
        List<Loaded<InferenceService>> loaded = InferenceServiceFiles.load(paths);
        if (loaded.isEmpty()) {
            throw new IllegalArgumentException("no InferenceService files found in " + paths);
        }
        List<String> problems = loaded.stream().flatMap(l -> l.problems().stream()).map(Problem::toString).toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().collect(Collectors.joining("; ")));
        }
        List<InferenceService> services = new ArrayList<>();
        loaded.forEach(l -> services.add(l.value()));
        return ManifestYaml.write(new Manifests(options).render(services));
    }
}
