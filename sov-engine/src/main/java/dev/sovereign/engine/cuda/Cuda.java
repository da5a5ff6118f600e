package dev.sovereign.engine.cuda;

/** Entry point of the CUDA bindings: finds the driver and opens devices. */
public final class Cuda {

    private Cuda() {}

    /** Opens device 0 when a driver and a device are present, else says why not; never throws. */
    public static CudaProbe probe() {
        try {
            return CudaProbe.found(open(0));
        } catch (CudaException e) {
            return CudaProbe.absent(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return CudaProbe.absent("probing CUDA failed: " + e);
        }
    }

    /**
     * Opens device {@code ordinal}: initialises the driver, retains the device's primary context and makes it
     * current on the calling thread.
     *
     * @throws CudaException naming what is missing: the driver library, the device, or the failed call
     */
    public static CudaDevice open(int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must be >= 0, was " + ordinal);
        }
        DriverApi api = DriverApi.get();
        api.init();
        int count = api.deviceCount();
        if (ordinal >= count) {
            throw new CudaException(count == 0
                    ? "no CUDA device: the driver (" + api.origin() + ") reports none"
                    : "no CUDA device " + ordinal + ": the driver reports " + count + " device(s)");
        }
        return CudaDevice.open(api, ordinal);
    }
}
