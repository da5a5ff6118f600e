package dev.sovereign.cli;

import dev.sovereign.engine.runner.EngineDevice;
import dev.sovereign.engine.runner.EngineSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --device} and {@code --gpu-memory-utilization} of {@code sov engine} and {@code sov generate}, checked as usage errors. */
final class DeviceFlags {

    private DeviceFlags() {
    }

    static EngineDevice parse(CommandSpec spec, String device, double gpuMemoryUtilization) {
        try {
            EngineDevice where = EngineDevice.parse(device, "--device");
            EngineSettings.checkDevice(where, gpuMemoryUtilization);
            return where;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
