package dev.sovereign.engine.runner;

import dev.sovereign.engine.cuda.Cuda;
import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaProbe;

/**
 * Resolves {@code --device}: {@code cpu} and {@code cuda} are taken as asked; {@code auto} probes for a CUDA driver
 * and device and says why it fell back to the CPU when there is none.
 *
 * @param device {@link EngineDevice#CPU} or {@link EngineDevice#CUDA}
 * @param reason why: "asked for", the GPU found, or the probe's reason for finding none
 */
public record DeviceChoice(EngineDevice device, String reason) {

    public static DeviceChoice resolve(EngineDevice requested) {
        return switch (requested) {
            case CPU, CUDA -> new DeviceChoice(requested, "--device " + requested.value());
            case AUTO -> probe();
        };
    }

    private static DeviceChoice probe() {
        CudaProbe probe = Cuda.probe();
        if (probe.device().isEmpty()) {
            return new DeviceChoice(EngineDevice.CPU, "no usable GPU: " + probe.reason());
        }
        try (CudaDevice device = probe.device().get()) { // the placement opens it again for the engine
            return new DeviceChoice(EngineDevice.CUDA, probe.reason());
        }
    }
}
