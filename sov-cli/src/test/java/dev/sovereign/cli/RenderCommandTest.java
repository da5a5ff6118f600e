package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code sov render examples/} prints the golden output; cluster options and bad input behave as documented. */
class RenderCommandTest extends CliTest {

    private static final Path ROOT = Path.of(System.getProperty("sov.root", ".."));

    @Test
    void renderOfTheExamplesWithTheReferenceClusterEqualsTheGoldenFile() throws IOException {
        assertThat(run("render", "--cluster", ROOT.resolve("examples/cluster/reference.yaml").toString(),
                ROOT.resolve("examples").toString())).isZero();
        assertThat(out.toString())
                .isEqualTo(Files.readString(ROOT.resolve("sov-k8s/src/test/resources/golden/examples.yaml")));
    }

    @Test
    void withoutClusterTheRenderFitsAPlainCluster() {
        assertThat(run("render", ROOT.resolve("examples/models/xplane-qwen3-8b.yaml").toString())).isZero();
        assertThat(out.toString()).contains("nvidia.com/gpu", "prometheus-operated.monitoring.svc")
                .doesNotContain("karpenter", "runtimeClassName", "vmagent");
    }

    @Test
    void aBadClusterFileIsOneLineNamingTheFieldAndExit1() throws IOException {
        Path bad = Files.createTempFile("cluster", ".yaml");
        Files.writeString(bad, "scraper: {kind: datadog}\n");
        assertThat(run("render", "--cluster", bad.toString(), ROOT.resolve("examples").toString())).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().contains(bad.toString(), "scraper.kind");
        Files.delete(bad);
    }

    @Test
    void clusterOptionsSwitchTheKindsRendered() {
        assertThat(run("render", "--network-policies", "cilium", "--monitoring", "victoriametrics",
                ROOT.resolve("examples/models/xplane-qwen3-8b.yaml").toString())).isZero();
        assertThat(out.toString()).contains("kind: CiliumNetworkPolicy", "kind: VMRule")
                .doesNotContain("kind: NetworkPolicy", "kind: ServiceMonitor");
    }

    @Test
    void unknownOptionValueIsOneLineAndExit1() {
        assertThat(run("render", "--network-policies", "calico", ROOT.resolve("examples").toString())).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("network policies must be one of standard, cilium");
    }

    @Test
    void invalidFileNamesFileLineAndField() throws IOException {
        Path bad = Files.createTempFile("bad", ".yaml");
        Files.writeString(bad, "apiVersion: sovereign.dev/v1alpha1\nkind: InferenceService\nmetadata: {name: m}\n"
                + "spec:\n  model: {repository: a/b}\n  scaling: {minReplicas: 3, maxReplicas: 2}\n");
        assertThat(run("render", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(bad.toString(), "spec.scaling.minReplicas");
        Files.delete(bad);
    }
}
