package dev.sovereign.spec.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every default of the reference schema (seed-platform.md §1), applied to a minimal file. */
class InferenceServiceDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void minimalFileGetsTheReferenceDefaults() {
        InferenceServiceSpec spec = Docs.valid(Docs.minimal().load(dir)).spec();

        assertThat(spec.model().revision()).isEqualTo("main");
        assertThat(spec.model().quantization()).isEqualTo("fp16");
        assertThat(spec.model().contextWindow()).isEqualTo(4096);
        assertThat(spec.model().maxNumSeqs()).isEqualTo(64);
        assertThat(spec.model().toolCallParser()).isNull();
        assertThat(spec.model().preload().enabled()).isFalse();
        assertThat(spec.model().streaming()).isNull();
        assertThat(spec.gpu().count()).isEqualTo(1);
        assertThat(spec.gpu().minVRAM()).isEqualTo("16Gi");
        assertThat(spec.routing().tier()).isEqualTo("medium");
        assertThat(spec.routing().specialty()).isEqualTo("general");
        assertThat(spec.scaling().minReplicas()).isEqualTo(1);
        assertThat(spec.scaling().maxReplicas()).isEqualTo(3);
        assertThat(spec.scaling().cooldownSeconds()).isEqualTo(300);
        assertThat(spec.scaling().pollingIntervalSeconds()).isEqualTo(15);
        assertThat(spec.scaling().runningRatioThreshold()).isEqualTo("0.7");
        assertThat(spec.scaling().cacheUtilizationThreshold()).isEqualTo("0.6");
        assertThat(spec.scaling().queueLengthThreshold()).isEqualTo(8);
        assertThat(spec.cache().kvOffload().enabled()).isFalse();
        assertThat(spec.cache().kvOffload().sizeGB()).isEqualTo(16);
        assertThat(spec.cache().prefixCache().enabled()).isFalse();
        assertThat(spec.loraAdapters()).isEmpty();
        assertThat(spec.engineArgs()).isEmpty();
        assertThat(spec.gateway().enabled()).isFalse();
        assertThat(spec.gateway().canaries()).isEmpty();
        assertThat(spec.gateway().endpointPicker().enabled()).isFalse();
        assertThat(spec.route().enabled()).isFalse();
        assertThat(spec.weightsFileSystem().subPath()).isEqualTo("m");
        assertThat(spec.resources()).isEqualTo(Map.of(
                "requests", Map.of("cpu", "2", "memory", "16Gi"),
                "limits", Map.of("cpu", "8", "memory", "32Gi")));
        assertThat(spec.healthProbes().liveness()).isEqualTo(new InferenceServiceSpec.Probe(60, 30, 10, 3));
        assertThat(spec.healthProbes().readiness()).isEqualTo(new InferenceServiceSpec.Probe(30, 10, 5, 3));
        assertThat(spec.securityContext()).isEqualTo(Map.of(
                "allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true, "runAsNonRoot", true,
                "capabilities", Map.of("drop", List.of("ALL"))));
        assertThat(spec.observability().metrics().interval()).isEqualTo("30s");
        assertThat(spec.externalSecrets()).isEmpty();
        assertThat(spec.envFromSecrets()).isEmpty();
        assertThat(spec.declaredEngine()).isEmpty();
    }

    @Test
    void externalSecretRefreshDefaultsToOneHourAndLoraRevisionToMain() {
        InferenceServiceSpec spec = Docs.valid(Docs.minimal()
                .set("spec.externalSecrets", List.of(Map.of("name", "s", "remoteRef", "path/to/s")))
                .set("spec.loraAdapters", List.of(Map.of("name", "a", "repository", "org/a")))
                .load(dir)).spec();
        assertThat(spec.externalSecrets().getFirst().refreshInterval()).isEqualTo("1h");
        assertThat(spec.loraAdapters().getFirst().revision()).isEqualTo("main");
    }

    @Test
    void zeroIsAValueNotUnset() {
        InferenceServiceSpec spec = Docs.valid(Docs.minimal().set("spec.scaling.minReplicas", 0).load(dir)).spec();
        assertThat(spec.scaling().minReplicas()).isZero();
        assertThat(spec.scaling().maxReplicas()).isEqualTo(3);
    }

    @Test
    void falseIsAValueNotUnset() {
        InferenceServiceSpec spec = Docs.valid(Docs.minimal()
                .set("spec.securityContext", Map.of("readOnlyRootFilesystem", false)).load(dir)).spec();
        assertThat(spec.securityContext())
                .containsEntry("readOnlyRootFilesystem", false)
                .containsEntry("runAsNonRoot", true);
    }

    @Test
    void givenProbeFieldsKeepTheOtherDefaults() {
        InferenceServiceSpec spec = Docs.valid(Docs.minimal()
                .set("spec.healthProbes.liveness.initialDelaySeconds", 0).load(dir)).spec();
        assertThat(spec.healthProbes().liveness()).isEqualTo(new InferenceServiceSpec.Probe(0, 30, 10, 3));
    }

    @Test
    void subPathGivenIsKept() {
        assertThat(Docs.valid(Docs.minimal().set("spec.weightsFileSystem.subPath", "shared/x").load(dir))
                .spec().weightsFileSystem().subPath()).isEqualTo("shared/x");
    }
}
