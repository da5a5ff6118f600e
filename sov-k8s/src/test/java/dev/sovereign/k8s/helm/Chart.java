package dev.sovereign.k8s.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.sovereign.k8s.render.Golden;
import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.k8s.yaml.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * deploy/helm/sovereign through the real Helm library (helm-java runs Helm's Go code in
 * process): {@code helm lint} and {@code helm template}, release {@code sovereign} in
 * namespace {@code sovereign}, as {@code helm install sovereign deploy/helm/sovereign -n sovereign}.
 */
final class Chart {

    static final Path DIR = Golden.root().resolve("deploy/helm/sovereign").toAbsolutePath().normalize();
    static final String RELEASE = "sovereign";
    static final String NAMESPACE = "sovereign";

    private Chart() {
    }

    /** {@code helm lint --strict} of the chart in {@code dir} (this chart, or a copy with other values.yaml). */
    static LintResult lint(Path dir) {
        return new Helm(dir).lint().strict().call();
    }

    /**
     * A copy of the chart whose values.yaml is the default one with {@code cluster} replaced:
     * helm-java's lint takes no values file, so the values go where helm lint reads them.
     */
    static Path withCluster(Path profile, Path into) throws IOException {
        Path copy = into.resolve("sovereign");
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(DIR.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) ManifestYaml.read(Files.readString(DIR.resolve("values.yaml")));
        values.put("cluster", ManifestYaml.read(Files.readString(profile)));
        Files.writeString(copy.resolve("values.yaml"), ManifestYaml.write((Object) values));
        return copy;
    }

    /** The objects {@code helm template} renders, with {@code options} applied to the command (values, sets). */
    static List<Map<String, Object>> template(Path dir, UnaryOperator<TemplateCommand> options) {
        String yaml = options.apply(new Helm(dir).template().withName(RELEASE).withNamespace(NAMESPACE)).call();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            Object parsed = document.isBlank() ? null : ManifestYaml.read(document);
            if (parsed instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) map);
                out.add(object);
            }
        }
        return out;
    }

    static List<Map<String, Object>> template(UnaryOperator<TemplateCommand> options) {
        return template(DIR, options);
    }

    static List<Map<String, Object>> template() {
        return template(t -> t);
    }

    static Map<String, Object> one(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(Tree.at(o, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
    }
}
