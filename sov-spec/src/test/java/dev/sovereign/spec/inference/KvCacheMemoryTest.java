package dev.sovereign.spec.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code spec.cache.kvCacheMemory}: a byte quantity, read as Kubernetes reads memory; anything else names the field. */
class KvCacheMemoryTest {

    @TempDir
    Path dir;

    @Test
    void absentMeansThePlatformDecides() {
        assertThat(Docs.valid(Docs.minimal().load(dir)).spec().cache().kvCacheBytes()).isEmpty();
    }

    @Test
    void quantitiesAreReadAsKubernetesReadsMemory() {
        assertThat(Docs.valid(Docs.minimal().set("spec.cache.kvCacheMemory", "512Mi").load(dir)).spec().cache().kvCacheBytes())
                .hasValue(512L << 20);
        assertThat(ByteQuantity.parse("2Gi")).isEqualTo(2L << 30);
        assertThat(ByteQuantity.parse("3G")).isEqualTo(3_000_000_000L);
        assertThat(ByteQuantity.parse("1000")).isEqualTo(1000L);
        assertThatThrownBy(() -> ByteQuantity.parse("99999999999999999999Ti")).hasMessageContaining("too large");
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"512MB", "1.5Gi", "-1Gi", "lots", "Gi"})
    void anythingElseIsRefusedNamingTheField(String value) {
        assertThat(Docs.problems(Docs.minimal().set("spec.cache.kvCacheMemory", value).load(dir)))
                .singleElement().asString().startsWith("spec.cache.kvCacheMemory: ").contains("512Mi");
    }
}
