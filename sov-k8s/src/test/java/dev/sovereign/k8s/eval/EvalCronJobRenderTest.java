package dev.sovereign.k8s.eval;

import dev.sovereign.k8s.cluster.ClusterProfile;
import dev.sovereign.k8s.render.Fleet;
import dev.sovereign.k8s.render.Manifests;
import dev.sovereign.k8s.render.RenderOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.k8s.render.Golden;
import dev.sovereign.k8s.schema.KindSchemas;
import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.k8s.yaml.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sov render --eval-suite}: golden file, Kubernetes schemas, the reference CronJob's settings. */
class EvalCronJobRenderTest {

    private static final Path SUITE = Golden.root().resolve("examples/eval/promptfooconfig.yaml");
    private static final EvalCronJobOptions OPTIONS = new EvalCronJobOptions("eval-promptfooconfig",
            EvalCronJobOptions.DEFAULT_NAMESPACE, EvalCronJobOptions.DEFAULT_SCHEDULE, EvalCronJobOptions.DEFAULT_TIME_ZONE,
            EvalCronJobOptions.DEFAULT_IMAGE, "http://sov-gateway.sovereign.svc.cluster.local:8080/v1",
            EvalCronJobOptions.DEFAULT_PUSH_URL, EvalCronJobOptions.DEFAULT_SECRET);

    private static List<Map<String, Object>> objects() {
        return new EvalCronJobRenderer(OPTIONS).render(EvalSuiteFiles.read(SUITE));
    }

    @Test
    void renderOfTheExampleSuiteEqualsTheGoldenFile() throws IOException {
        Golden.check(Golden.root().resolve("sov-k8s/src/test/resources/golden/eval-promptfooconfig.yaml"),
                EvalSuiteRender.render(SUITE, OPTIONS));
    }

    @Test
    void theEvalPodsAreAdmittedByTheModelsNetworkPolicyInTheProfilesEvalNamespace() {
        ClusterProfile profile = ClusterProfile.parse("namespaces: {eval: " + OPTIONS.namespace() + "}", "p.yaml");
        Map<String, Object> pod = Tree.mapAt(objects().get(1), "spec", "jobTemplate", "spec", "template", "metadata");
        Map<String, Object> podLabels = Tree.mapAt(pod, "labels");
        Map<String, Object> policy = new Manifests(RenderOptions.defaults().withCluster(profile))
                .render(Fleet.example("xplane-qwen3-8b")).stream()
                .filter(o -> "NetworkPolicy".equals(o.get("kind"))).findFirst().orElseThrow();
        assertThat(Tree.listAt(policy, "spec", "ingress", 0, "from")).anySatisfy(peer -> {
            assertThat(Tree.at(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                    .isEqualTo(OPTIONS.namespace());
            assertThat(podLabels).containsAllEntriesOf(Tree.mapAt(peer, "podSelector", "matchLabels"));
        });
    }

    @Test
    void configMapAndCronJobPassTheirKubernetesSchemas() {
        KindSchemas schemas = new KindSchemas();
        assertThat(objects()).extracting(o -> o.get("kind")).containsExactly("ConfigMap", "CronJob");
        assertThat(objects()).flatExtracting(schemas::problems).isEmpty();
        Map<String, Object> cronJob = objects().get(1);
        Tree.mapAt(cronJob, "spec", "jobTemplate", "spec").put("backofLimit", 1);
        assertThat(schemas.problems(cronJob)).anyMatch(p -> p.contains("backofLimit"));
    }

    @Test
    void theCronJobHasTheReferenceSchedulePoliciesAndRestrictedPod() throws IOException {
        Map<String, Object> cronJob = objects().get(1);
        assertThat(Tree.mapAt(cronJob, "spec")).containsEntry("schedule", "0 2 * * *")
                .containsEntry("timeZone", "Europe/Paris").containsEntry("concurrencyPolicy", "Forbid")
                .containsEntry("successfulJobsHistoryLimit", 3).containsEntry("failedJobsHistoryLimit", 5)
                .containsEntry("startingDeadlineSeconds", 3600);
        assertThat(Tree.mapAt(cronJob, "spec", "jobTemplate", "spec")).containsEntry("backoffLimit", 1)
                .containsEntry("ttlSecondsAfterFinished", 604800);
        Map<String, Object> container = Tree.mapAt(cronJob, "spec", "jobTemplate", "spec", "template", "spec",
                "containers", 0);
        assertThat(Tree.at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(Tree.at(container, "securityContext", "runAsUser")).isEqualTo(10001L);
        assertThat(Tree.at(container, "resources", "limits")).isEqualTo(Map.of("cpu", "1", "memory", "1Gi"));
        assertThat(Tree.at(container, "envFrom", 0, "secretRef", "name")).isEqualTo("promptfoo-llm-api-key");
        assertThat(Tree.listAt(container, "args")).containsSubsequence("eval", "-c", "/suite/promptfooconfig.yaml",
                "-o", "/work/results.json", "--junit", "/work/results.junit.xml", "--metrics", "/work/metrics.prom",
                "--push-url", EvalCronJobOptions.DEFAULT_PUSH_URL);
        assertThat(Tree.listAt(container, "env")).contains(
                Map.of("name", "SOV_EVAL_BASE_URL", "value", "http://sov-gateway.sovereign.svc.cluster.local:8080/v1"));
        assertThat(Tree.at(objects().get(0), "data", "promptfooconfig.yaml")).isEqualTo(Files.readString(SUITE));
    }

    @Test
    void referencedFilesGoIntoTheConfigMapAtTheirRelativePaths(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/general.yaml"), "- vars: {input: hi}\n");
        Files.writeString(dir.resolve("prompt.txt"), "{{input}}\n");
        Files.writeString(dir.resolve("suite.yaml"),
                "prompts: [file://prompt.txt]\nproviders: [openai:chat:m]\ntests: file://tests/general.yaml\n");
        List<Map<String, Object>> objects = new EvalCronJobRenderer(OPTIONS).render(EvalSuiteFiles.read(dir.resolve("suite.yaml")));
        assertThat(Tree.mapAt(objects.get(0), "data")).containsOnlyKeys("suite.yaml", "prompt.txt", "tests__general.yaml");
        assertThat(Tree.listAt(objects.get(1), "spec", "jobTemplate", "spec", "template", "spec", "volumes", 0,
                "configMap", "items")).contains(Map.of("key", "tests__general.yaml", "path", "tests/general.yaml"));
        assertThat(new KindSchemas().problems(objects.get(1))).isEmpty();
    }

    @Test
    void filesOutsideTheSuitesFolderAndBadOptionsAreRefusedNamingTheField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("suite.yaml"), "tests: file://../other.yaml\n");
        assertThatThrownBy(() -> EvalSuiteFiles.read(dir.resolve("suite.yaml")))
                .hasMessageContaining("file://../other.yaml");
        Files.writeString(dir.resolve("suite.yaml"), "tests: file://missing.csv\n");
        assertThatThrownBy(() -> EvalSuiteFiles.read(dir.resolve("suite.yaml"))).hasMessageContaining("missing.csv");
        assertThatThrownBy(() -> new EvalCronJobOptions("eval-x", "ns", "0 2 * *", "UTC", "i", null, null, "s"))
                .hasMessageContaining("--schedule");
        assertThat(EvalCronJobOptions.nameFor("Sov_Tiny.yaml")).isEqualTo("eval-sov-tiny");
    }
}
