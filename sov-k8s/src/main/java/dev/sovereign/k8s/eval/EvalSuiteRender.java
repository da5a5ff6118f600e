package dev.sovereign.k8s.eval;

import dev.sovereign.k8s.yaml.ManifestYaml;
import java.nio.file.Path;

/** {@code sov render --eval-suite FILE}: the suite's ConfigMap and CronJob as one YAML stream. */
public final class EvalSuiteRender {

    private EvalSuiteRender() {
    }

    public static String render(Path suite, EvalCronJobOptions options) {
        return ManifestYaml.write(new EvalCronJobRenderer(options).render(EvalSuiteFiles.read(suite)));
    }
}
