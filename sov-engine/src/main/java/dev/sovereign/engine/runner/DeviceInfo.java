package dev.sovereign.engine.runner;

/**
 * The device an engine runs on, as logged, exported in {@code /metrics} ({@code sov_engine_device_info}) and shown by
 * {@code sov status}.
 *
 * @param device {@code cpu} or {@code cuda}
 * @param name   the GPU's name, or the CPU's architecture and worker threads
 */
public record DeviceInfo(String device, String name) {

    /** One line, e.g. {@code cuda (NVIDIA H100 80GB HBM3)}. */
    public String label() {
        return device + " (" + name + ")";
    }

    static DeviceInfo cpu(int threads) {
        return new DeviceInfo("cpu", System.getProperty("os.arch") + ", " + threads + " threads");
    }
}
