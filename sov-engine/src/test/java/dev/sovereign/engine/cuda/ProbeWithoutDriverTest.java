package dev.sovereign.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import org.junit.jupiter.api.Test;

/** On a machine without the NVIDIA driver (every CPU machine, CI): the probe's reason and open's error. */
class ProbeWithoutDriverTest {

    @Test
    void probeSaysTheDriverLibraryWasNotFoundAndWhereItLookedWithoutThrowing() {
        assumeFalse(driverInstalled(), "this machine has a CUDA driver (libcuda.so.1)");

        CudaProbe probe = Cuda.probe();

        assertThat(probe.available()).isFalse();
        assertThat(probe.device()).isEmpty();
        assertThat(probe.reason())
                .startsWith("the CUDA driver (libcuda.so.1) not found: looked for libcuda.so.1 on the loader path")
                .contains("/usr/local/cuda/lib64").contains("SOV_CUDA_LIBRARY_PATH");
        assertThat(Cuda.probe().reason()).as("a second probe, after the failed load was remembered")
                .isEqualTo(probe.reason());
        assertThatThrownBy(() -> Cuda.open(0)).isInstanceOf(CudaException.class).hasMessage(probe.reason());
    }

    @Test
    void openRejectsANegativeOrdinalBeforeTouchingTheDriver() {
        assertThatThrownBy(() -> Cuda.open(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ordinal must be >= 0, was -1");
    }

    private static boolean driverInstalled() {
        try {
            SymbolLookup.libraryLookup("libcuda.so.1", Arena.ofAuto());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
