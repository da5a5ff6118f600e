package dev.sovereign.spec.inference;

import dev.sovereign.spec.validation.Loaded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.spec.validation.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files: unknown fields, wrong types, empty and garbage files, several documents, folders. */
class InferenceServiceFilesTest {

    @TempDir
    Path dir;

    @Test
    void unknownFieldIsAnErrorWithASuggestion() {
        List<Loaded<InferenceService>> docs = Docs.loadText(dir, """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata:
                  name: m
                spec:
                  model:
                    repository: org/m
                    contextWindw: 8192
                  scalling: {}
                  nodePool: gpu-l4
                """);
        assertThat(docs.getFirst().problems()).extracting(Problem::toString).containsExactly(
                docs.getFirst().file() + ":8: spec.model.contextWindw: unknown field (did you mean 'contextWindow'?)",
                docs.getFirst().file() + ":9: spec.scalling: unknown field (did you mean 'scaling'?)",
                docs.getFirst().file() + ":10: spec.nodePool: unknown field");
    }

    @Test
    void wrongTypesNameTheFieldAndWhatWasGiven() {
        assertThat(Docs.problems(Docs.minimal()
                .set("spec.gpu.count", "two")
                .set("spec.model.preload.enabled", "yes please")
                .set("spec.engineArgs", "--seed=1")
                .set("spec.routing", List.of("a"))
                .set("spec.model.revision", 123)
                .set("metadata.labels", java.util.Map.of("team", 5))
                .load(dir))).containsExactlyInAnyOrder(
                "spec.gpu.count: expected an integer, got the string 'two'",
                "spec.model.preload.enabled: expected a boolean (true or false), got the string 'yes please'",
                "spec.engineArgs: expected a list, got the string '--seed=1'",
                "spec.routing: expected an object, got a list",
                "spec.model.revision: expected a string, got the integer '123' (put it in quotes)",
                "metadata.labels.team: expected a string, got the integer '5' (put it in quotes)");
    }

    @Test
    void floatWhereAnIntegerBelongs() {
        assertThat(Docs.problems(Docs.minimal().set("spec.scaling.maxReplicas", 2.5).load(dir)))
                .containsExactly("spec.scaling.maxReplicas: expected an integer, got the number '2.5'");
    }

    @Test
    void missingRequiredFields() {
        assertThat(Docs.problems(Docs.minimal().set("spec.model.repository", null).set("metadata.name", null).load(dir)))
                .containsExactlyInAnyOrder("metadata.name: required field is missing",
                        "spec.model.repository: required field is missing");
        assertThat(Docs.problems(Docs.minimal().set("spec", null).load(dir)))
                .containsExactly("spec: required field is missing");
    }

    @Test
    void duplicateFieldIsAnError() {
        assertThat(Docs.problems(Docs.loadText(dir, """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: m}
                spec:
                  model: {repository: org/m}
                  model: {repository: org/n}
                """))).containsExactly("spec.model: duplicate field");
    }

    @Test
    void emptyFileAndCommentOnlyFile() {
        assertThat(Docs.problems(Docs.loadText(dir, ""))).containsExactly(
                ": file is empty: expected an InferenceService (apiVersion, kind, metadata, spec)");
        assertThat(Docs.problems(Docs.loadText(dir, "# nothing here\n---\n"))).containsExactly(
                ": file is empty: expected an InferenceService (apiVersion, kind, metadata, spec)");
    }

    @Test
    void scalarDocumentIsNotAnObject() {
        assertThat(Docs.problems(Docs.loadText(dir, "just some words\n")))
                .containsExactly(": expected an object, got the string 'just some words'");
    }

    @Test
    void brokenYamlSaysWhereAndWhy() {
        List<Loaded<InferenceService>> docs = Docs.loadText(dir, "apiVersion: x\nkind: [unclosed\nmetadata: {}\n");
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).startsWith("not valid YAML: ");
                assertThat(p.line()).isPositive();
            });
        });
    }

    @Test
    void tenMegabytesOfGarbageGiveOneClearError() throws IOException {
        byte[] garbage = new byte[10 * 1024 * 1024];
        new Random(42).nextBytes(garbage);
        Path file = dir.resolve("garbage.yaml");
        Files.write(file, garbage);
        assertThat(InferenceServiceFiles.load(file)).singleElement().satisfies(d ->
                assertThat(d.problems()).extracting(Problem::toString).containsExactly(
                        file + ": file is too large (10485760 bytes); a declaration is at most 1048576 bytes"));
    }

    @Test
    void binaryGarbageUnderTheSizeLimit() throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Path file = dir.resolve("garbage.yaml");
        Files.write(file, garbage);
        assertThat(InferenceServiceFiles.load(file)).singleElement().satisfies(d ->
                assertThat(d.problems()).singleElement().extracting(Problem::message).isEqualTo("file is not UTF-8 text"));
    }

    @Test
    void controlCharactersAreNotYaml() throws IOException {
        Path file = dir.resolve("ctl.yaml");
        Files.writeString(file, "apiVersion: \u0001\u0002\u0003\n");
        assertThat(InferenceServiceFiles.load(file).getFirst().problems().getFirst().message()).startsWith("not valid YAML");
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a]\n");
        }
        assertThat(Docs.problems(Docs.loadText(dir, yaml.toString()))).singleElement().asString().contains("not valid YAML");
    }

    @Test
    void everyDocumentOfAMultiDocumentFileIsChecked() {
        String good = Docs.minimal().yaml();
        String bad = Docs.minimal().set("metadata.name", "n").set("spec.gpu.count", 0).yaml();
        List<Loaded<InferenceService>> docs = Docs.loadText(dir, good + "---\n" + bad + "---\n" + good.replace("name: m", "name: o"));
        assertThat(docs).extracting(Loaded::index).containsExactly(0, 1, 2);
        assertThat(docs).extracting(Loaded::valid).containsExactly(true, false, true);
        assertThat(docs.get(1).problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("spec.gpu.count");
            assertThat(p.line()).isGreaterThan(good.split("\n").length);
        });
    }

    @Test
    void foldersContributeTheirYamlFilesInOrder() throws IOException {
        Path models = Files.createDirectories(dir.resolve("models/nested"));
        Files.writeString(dir.resolve("models/b.yaml"), Docs.minimal().set("metadata.name", "b").yaml());
        Files.writeString(dir.resolve("models/nested/a.yml"), Docs.minimal().set("metadata.name", "a").yaml());
        Files.writeString(dir.resolve("models/README.md"), "not yaml");
        List<Loaded<InferenceService>> docs = InferenceServiceFiles.load(List.of(models.getParent()));
        assertThat(docs).extracting(d -> d.value().name()).containsExactly("b", "a");
    }

    @Test
    void missingPath() {
        assertThat(InferenceServiceFiles.load(List.of(dir.resolve("nope.yaml")))).singleElement()
                .satisfies(d -> assertThat(d.problems().getFirst().message()).isEqualTo("no such file or folder"));
    }

    @Test
    void sovereignApiVersionAndReferenceApiVersionBothWork() {
        assertThat(Docs.valid(Docs.minimal().set("apiVersion", "cloud.ogenki.io/v1alpha1").load(dir)).apiVersion())
                .isEqualTo("cloud.ogenki.io/v1alpha1");
    }

    @Test
    void referenceFleetExamplesValidateUnchanged() {
        Path examples = Path.of(System.getProperty("sov.root"), "examples", "models");
        List<Loaded<InferenceService>> docs = InferenceServiceFiles.load(List.of(examples));
        assertThat(docs).extracting(d -> d.value() == null ? d.problems().toString() : d.value().name())
                .contains("xplane-qwen3-8b", "xplane-qwen-coder", "xplane-qwen-coder-fim", "xplane-llamaguard3-1b");
        assertThat(docs).allSatisfy(d -> assertThat(d.problems()).isEmpty());
        InferenceService coder = docs.stream().filter(d -> d.value().name().equals("xplane-qwen-coder"))
                .findFirst().orElseThrow().value();
        assertThat(coder.spec().gateway().canaries()).singleElement()
                .isEqualTo(new InferenceServiceSpec.Canary("xplane-qwen-coder-sql-dpo", 10));
        assertThat(coder.spec().model().maxNumSeqs()).isEqualTo(32);
    }
}
