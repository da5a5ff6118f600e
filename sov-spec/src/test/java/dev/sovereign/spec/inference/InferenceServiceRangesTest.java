package dev.sovereign.spec.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each range and enumeration of the reference schema, just outside and just inside its bounds. */
class InferenceServiceRangesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource({
            "spec.model.contextWindow, 1023, must be >= 1024",
            "spec.model.maxNumSeqs, 0, must be >= 1",
            "spec.model.streaming.concurrency, 0, must be >= 1",
            "spec.model.streaming.concurrency, 65, must be <= 64",
            "spec.gpu.count, 0, must be >= 1",
            "spec.gpu.count, 9, must be <= 8",
            "spec.scaling.minReplicas, -1, must be >= 0",
            "spec.scaling.maxReplicas, 0, must be >= 1",
            "spec.scaling.cooldownSeconds, 59, must be >= 60",
            "spec.scaling.pollingIntervalSeconds, 4, must be >= 5",
            "spec.scaling.queueLengthThreshold, 0, must be >= 1",
            "spec.cache.kvOffload.sizeGB, 0, must be >= 1",
            "spec.healthProbes.readiness.periodSeconds, 0, must be >= 1",
    })
    void integerOutOfRange(String path, long value, String message) {
        assertThat(Docs.problems(Docs.minimal().set(path, value).load(dir)))
                .containsExactly(path + ": " + message + " (got " + value + ")");
    }

    @ParameterizedTest(name = "{0} = {1} is accepted")
    @CsvSource({
            "spec.model.contextWindow, 1024", "spec.model.maxNumSeqs, 1", "spec.model.streaming.concurrency, 64",
            "spec.gpu.count, 8", "spec.scaling.minReplicas, 0", "spec.scaling.maxReplicas, 1",
            "spec.scaling.cooldownSeconds, 60", "spec.scaling.pollingIntervalSeconds, 5",
            "spec.scaling.queueLengthThreshold, 1", "spec.cache.kvOffload.sizeGB, 1",
    })
    void integerAtTheBound(String path, long value) {
        Docs.valid(Docs.minimal().set(path, value).load(dir));
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource({
            "spec.model.quantization, int4",
            "spec.routing.tier, huge",
            "spec.routing.specialty, poetry",
            "spec.engine.kind, docker",
            "apiVersion, cloud.ogenki.io/v1",
            "kind, Deployment",
    })
    void enumerationOutsideItsValues(String path, String value) {
        assertThat(Docs.problems(Docs.minimal().set(path, value).load(dir)))
                .singleElement().asString().startsWith(path + ": must be one of ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp16", "fp8", "awq", "gptq", "bitsandbytes"})
    void everyQuantizationIsAccepted(String quantization) {
        assertThat(Docs.valid(Docs.minimal().set("spec.model.quantization", quantization).load(dir))
                .spec().model().quantization()).isEqualTo(quantization);
    }

    @ParameterizedTest(name = "{0} longer than {1}")
    @CsvSource({
            "metadata.name, 63", "spec.model.repository, 255", "spec.route.hostname, 63",
    })
    void stringTooLong(String path, int max) {
        String value = path.endsWith("repository") ? "org/" + "a".repeat(max) : "a".repeat(max + 1);
        Docs doc = Docs.minimal().set(path, value);
        if (path.startsWith("spec.route")) {
            doc.set("spec.route.enabled", true);
        }
        assertThat(Docs.problems(doc.load(dir))).singleElement().asString()
                .startsWith(path + ": must be at most " + max + " characters");
    }

    @ParameterizedTest(name = "list {0} over {1} items")
    @CsvSource({"spec.engineArgs, 16", "spec.loraAdapters, 8", "spec.gateway.canaries, 4"})
    void listTooLong(String path, int max) {
        Object item = switch (path) {
            case "spec.engineArgs" -> "--seed=1";
            case "spec.loraAdapters" -> Map.of("name", "a", "repository", "org/a");
            default -> Map.of("adapter", "a", "weightPercent", 1);
        };
        assertThat(Docs.problems(Docs.minimal().set(path, Collections.nCopies(max + 1, item)).load(dir)))
                .contains(path + ": must have at most " + max + " items (got " + (max + 1) + ")");
    }

    @ParameterizedTest
    @CsvSource({"0, must be >= 1", "100, must be <= 99"})
    void canaryWeightRange(int weight, String message) {
        assertThat(Docs.problems(Docs.minimal()
                .set("spec.gateway.enabled", true)
                .set("spec.loraAdapters", List.of(Map.of("name", "a", "repository", "org/a")))
                .set("spec.gateway.canaries", List.of(Map.of("adapter", "a", "weightPercent", weight)))
                .load(dir))).containsExactly("spec.gateway.canaries[0].weightPercent: " + message + " (got " + weight + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "-leading", "trailing-", "under_score", "dot.ted", "1model"})
    void nameMustBeADnsLabel(String name) {
        assertThat(Docs.problems(Docs.minimal().set("metadata.name", name).load(dir)))
                .singleElement().asString().startsWith("metadata.name: must be a DNS label");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.7", "1", "0.05", "12.5"})
    void thresholdsAreQuotedDecimals(String threshold) {
        assertThat(Docs.valid(Docs.minimal().set("spec.scaling.runningRatioThreshold", threshold).load(dir))
                .spec().scaling().runningRatioThreshold()).isEqualTo(threshold);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seventy", "0.7.1", "-1", ""})
    void thresholdThatIsNotADecimal(String threshold) {
        assertThat(Docs.problems(Docs.minimal().set("spec.scaling.cacheUtilizationThreshold", threshold).load(dir)))
                .singleElement().asString()
                .startsWith("spec.scaling.cacheUtilizationThreshold: must be a decimal number in quotes");
    }
}
