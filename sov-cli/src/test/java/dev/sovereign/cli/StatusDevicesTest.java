package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The DEVICE column of {@code sov status}: each distinct device of a model's replicas, counted when shared. */
class StatusDevicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replicasOnOneDeviceAreCountedAndMixedOnesListed() throws Exception {
        assertThat(StatusCommand.devices(JSON.readTree("[]"))).isEqualTo("-");
        assertThat(StatusCommand.devices(JSON.readTree("[\"cuda (NVIDIA H100 80GB HBM3)\"]")))
                .isEqualTo("cuda (NVIDIA H100 80GB HBM3)");
        assertThat(StatusCommand.devices(JSON.readTree("[\"cuda (H100)\", \"cuda (H100)\", \"cpu (amd64, 8 threads)\"]")))
                .isEqualTo("2x cuda (H100), cpu (amd64, 8 threads)");
    }
}
