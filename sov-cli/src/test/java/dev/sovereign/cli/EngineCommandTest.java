package dev.sovereign.cli;

import org.junit.jupiter.api.Test;

class EngineCommandTest extends CliTest {

    @Test
    void aGpuQuantizationIsAUsageErrorBeforeAnythingLoads() {
        assertUsageError("--quantization: 'gptq' is not supported by the embedded engine", "engine", "--model",
                "no-such-model.gguf", "--quantization", "gptq");
    }
}
