package dev.sovereign.cli;

import dev.sovereign.engine.runner.EngineDevice;
import dev.sovereign.engine.runner.EngineSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --device} and {@code --gpu-memory-utilization} of {@code sov engine} and {@code sov generate} (a mixin). */
final class DeviceFlags {

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda, or auto (the GPU when a "
            + "CUDA device answers, else the CPU); default ${DEFAULT-VALUE} until the GPU engine has passed its tests on a "
            + "GPU (docs/engine-cuda.md).")
    String device;

    @Option(names = "--gpu-memory-utilization", defaultValue = "0.9", description = "Under cuda: the share of the "
            + "GPU's memory weights, buffers and KV cache may fill, as vLLM's (default ${DEFAULT-VALUE}).")
    double gpuMemoryUtilization;

    /** The device asked for; a bad value is a usage error naming its flag. */
    EngineDevice device(CommandSpec spec) {
        try {
            EngineDevice where = EngineDevice.parse(device, "--device");
            EngineSettings.checkDevice(where, gpuMemoryUtilization);
            return where;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
