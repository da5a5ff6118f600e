package dev.sovereign.engine.cuda;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.sovereign.engine.kernel.Fp16;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * The first thing the device script runs: every binding exercised once against a CPU oracle, one PASS/FAIL line per
 * check, never stopping at the first failure, so one run on the GPU machine shows everything that works and
 * everything that does not. Exit status 1 when any check failed.
 */
public final class CudaSelfTest {

    /** One check's outcome. */
    public record Check(String name, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
        }
    }

    @FunctionalInterface
    private interface Body {
        String run() throws Exception;
    }

    private static final int BLOCK = 128;

    private final PrintStream out;
    private final List<Check> checks = new ArrayList<>();
    private final Random random = new Random(22);

    private CudaSelfTest(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        List<Check> checks = run(System.out);
        long failed = checks.stream().filter(c -> !c.passed()).count();
        System.out.println("cuda self-test: " + (checks.size() - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs every check on device 0, printing each line to {@code out} as it completes. */
    public static List<Check> run(PrintStream out) {
        CudaSelfTest test = new CudaSelfTest(out);
        CudaProbe probe = Cuda.probe();
        test.record("probe", probe.available(), probe.reason());
        probe.device().ifPresent(device -> {
            try (device) {
                test.runAll(device);
            }
        });
        return List.copyOf(test.checks);
    }

    private void runAll(CudaDevice device) {
        check("device", () -> device.describe() + ", driver CUDA " + device.driverVersion() + ", "
                + mib(device.freeMemory()) + " free of " + mib(device.totalMemory()));
        check("sync copies", () -> syncCopies(device));
        try (CudaStream s = device.newStream()) {
            check("fill", () -> fill(device, s));
            check("async copies (pinned)", () -> asyncCopies(device, s));
            KernelModule module = attempt("load module selftest", () -> device.loadModule("selftest"));
            if (module != null) {
                try (module) {
                    check("kernel int+float+pointer args (saxpy)", () -> saxpy(device, s, module));
                    check("kernel bf16 round trip", () -> bf16RoundTrip(device, s, module));
                    check("kernel int64 args (iota64)", () -> iota64(device, s, module));
                    check("graph captured, replayed 3x, updated", () -> graph(device, s, module));
                }
            }
            check("cuBLAS linear bf16 -> f32 (7x896x896, beta 0 and 1)", () -> linear(device, s, 7, 896, 896, true));
            check("cuBLAS linear bf16 -> f32 (3x37x19)", () -> linear(device, s, 3, 37, 19, true));
            check("cuBLAS linear bf16 -> bf16 (7x896x896)", () -> linear(device, s, 7, 896, 896, false));
        }
        check("device-to-device bandwidth", () -> String.format("%.0f GB/s (read + write)",
                CopyBandwidth.deviceToDeviceGBs(device)));
        check("CudaException on a bad call", () -> badCall(device));
        check("missing module named", () -> missingModule(device));
        check("closing after the device", () -> closeAfterDevice(device));
    }

    // ---- checks ---------------------------------------------------------------------------------------------------

    private String syncCopies(CudaDevice device) {
        float[] host = randomFloats(4099);
        float[] back = new float[host.length];
        try (DeviceBuffer d = device.allocate(host.length * 4L)) {
            d.upload(MemorySegment.ofArray(host), 0);
            d.download(0, MemorySegment.ofArray(back));
            require(Arrays.equals(host, back), "heap round trip differs");
            float[] part = new float[100];
            d.download(400, MemorySegment.ofArray(part));
            require(Arrays.equals(part, Arrays.copyOfRange(host, 100, 200)), "download at an offset differs");
        }
        return host.length + " floats both ways, heap arrays, offsets";
    }

    private String fill(CudaDevice device, CudaStream s) {
        byte[] back = new byte[1000];
        try (DeviceBuffer d = device.allocate(back.length)) {
            d.fill(s, (byte) 0x5a);
            s.synchronize();
            d.download(0, MemorySegment.ofArray(back));
        }
        for (byte b : back) {
            require(b == 0x5a, "byte " + b + " after fill 0x5a");
        }
        return "1000 bytes = 0x5a";
    }

    private String asyncCopies(CudaDevice device, CudaStream s) {
        int n = 1 << 16;
        float[] host = randomFloats(n);
        try (PinnedBuffer in = device.allocatePinned(n * 4L); PinnedBuffer outBuf = device.allocatePinned(n * 4L);
                DeviceBuffer d = device.allocate(2L * n * 4)) {
            MemorySegment.copy(host, 0, in.segment(), JAVA_FLOAT, 0, n);
            d.uploadAsync(s, in.segment(), 0);
            d.copyWithin(s, 0, n * 4L, n * 4L);
            d.downloadAsync(s, n * 4L, outBuf.segment());
            s.synchronize();
            float[] back = outBuf.segment().toArray(JAVA_FLOAT);
            require(Arrays.equals(host, back), "pinned upload -> copyWithin -> pinned download differs");
        }
        return n + " floats H2D, D2D, D2H on a stream";
    }

    private String saxpy(CudaDevice device, CudaStream s, KernelModule module) {
        int n = 10_000;
        float a = 1.7f;
        float[] x = randomFloats(n);
        float[] y = randomFloats(n);
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            expected[i] = Math.fma(a, x[i], y[i]);
        }
        try (DeviceBuffer dx = device.allocate(n * 4L); DeviceBuffer dy = device.allocate(n * 4L)) {
            dx.upload(MemorySegment.ofArray(x), 0);
            dy.upload(MemorySegment.ofArray(y), 0);
            module.kernel("saxpy").launch(s, blocks(n), 1, 1, BLOCK, 1, 1, 0, KernelArgs.of(n, a, dx, dy));
            s.synchronize();
            float[] back = new float[n];
            dy.download(0, MemorySegment.ofArray(back));
            requireBits(expected, back, "saxpy");
        }
        return n + " elements bit-equal to Math.fma";
    }

    private String bf16RoundTrip(CudaDevice device, CudaStream s, KernelModule module) {
        float[] special = {0f, -0f, 1f, -1f, 1.00390625f, 1.01171875f, 3.4e38f, -3.4e38f, 1e-40f, -1e-40f,
            Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 65504f, 0.1f, (float) Math.PI};
        float[] in = Arrays.copyOf(special, special.length + 5000);
        for (int i = special.length; i < in.length; i++) {
            in[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-20, 20)));
        }
        int n = in.length;
        try (DeviceBuffer din = device.allocate(n * 4L); DeviceBuffer bits = device.allocate(n * 2L);
                DeviceBuffer back = device.allocate(n * 4L)) {
            din.upload(MemorySegment.ofArray(in), 0);
            module.kernel("bf16_round_trip").launch(s, blocks(n), 1, 1, BLOCK, 1, 1, 0,
                    KernelArgs.of(n, din, bits, back));
            s.synchronize();
            short[] gotBits = new short[n];
            float[] gotBack = new float[n];
            bits.download(0, MemorySegment.ofArray(gotBits));
            back.download(0, MemorySegment.ofArray(gotBack));
            for (int i = 0; i < n; i++) {
                float expected = Fp16.roundBf16(in[i]);
                short expectedBits = (short) (Float.floatToRawIntBits(expected) >>> 16);
                require(gotBits[i] == expectedBits && Float.floatToRawIntBits(gotBack[i])
                        == Float.floatToRawIntBits(expected), "bf16(" + in[i] + "): GPU bits 0x"
                        + Integer.toHexString(gotBits[i] & 0xffff) + " back " + gotBack[i] + ", CPU 0x"
                        + Integer.toHexString(expectedBits & 0xffff));
            }
        }
        return n + " values (ties, subnormals, infinities) bit-equal to the CPU's round-to-nearest-even";
    }

    private String iota64(CudaDevice device, CudaStream s, KernelModule module) {
        int n = 1000;
        long base = (1L << 40) + 7;
        long stride = -(1L << 33);
        try (DeviceBuffer d = device.allocate(n * 8L)) {
            module.kernel("iota64").launch(s, blocks(n), 1, 1, BLOCK, 1, 1, 0, KernelArgs.of(base, stride, n, d));
            s.synchronize();
            long[] back = new long[n];
            d.download(0, MemorySegment.ofArray(back));
            for (int i = 0; i < n; i++) {
                require(back[i] == base + i * stride, "out[" + i + "] = " + back[i]);
            }
        }
        return n + " 64-bit values exact";
    }

    private String graph(CudaDevice device, CudaStream s, KernelModule module) {
        int n = 4096;
        float a = 0.75f;
        float b = -2.5f;
        float[] x = randomFloats(n);
        float[] y = randomFloats(n);
        float[] expected = y.clone();
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < n; i++) {
                expected[i] = Math.fma(a, x[i], expected[i]);
            }
        }
        Kernel saxpy = module.kernel("saxpy");
        try (DeviceBuffer dx = device.allocate(n * 4L); DeviceBuffer dy = device.allocate(n * 4L)) {
            dx.upload(MemorySegment.ofArray(x), 0);
            dy.upload(MemorySegment.ofArray(y), 0);
            KernelArgs args = KernelArgs.of(n, a, dx, dy);
            float[] back = new float[n];
            try (CudaGraph graph = CudaGraph.capture(s, () -> saxpy.launch(s, blocks(n), 1, 1, BLOCK, 1, 1, 0, args))) {
                s.synchronize();
                dy.download(0, MemorySegment.ofArray(back));
                requireBits(y, back, "capture must not run the work");
                for (int r = 0; r < 3; r++) {
                    graph.launch(s);
                }
                s.synchronize();
                dy.download(0, MemorySegment.ofArray(back));
                requireBits(expected, back, "3 replays");
                args.set(1, b);
                require(graph.update(s, () -> saxpy.launch(s, blocks(n), 1, 1, BLOCK, 1, 1, 0, args)),
                        "cuGraphExecUpdate refused a parameter-only change");
                graph.launch(s);
                s.synchronize();
                dy.download(0, MemorySegment.ofArray(back));
                for (int i = 0; i < n; i++) {
                    expected[i] = Math.fma(b, x[i], expected[i]);
                }
                requireBits(expected, back, "replay after update");
            }
        }
        return "saxpy graph x3 bit-equal, then updated in place to a new scalar";
    }

    private String linear(CudaDevice device, CudaStream s, int m, int n, int k, boolean yIsF32) {
        short[] x = randomBf16(m * k);
        short[] w = randomBf16(n * k);
        double[] reference = new double[m * n];
        double scale = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) bf16(x[i * k + p]) * bf16(w[j * k + p]);
                }
                reference[i * n + j] = sum;
                scale = Math.max(scale, Math.abs(sum));
            }
        }
        int ySize = yIsF32 ? 4 : 2;
        Cublas cublas = device.cublas();
        try (DeviceBuffer dx = device.allocate(x.length * 2L); DeviceBuffer dw = device.allocate(w.length * 2L);
                DeviceBuffer dy = device.allocate((long) m * n * ySize)) {
            dx.upload(MemorySegment.ofArray(x), 0);
            dw.upload(MemorySegment.ofArray(w), 0);
            cublas.linear(s, m, n, k, dx.address(), dw.address(), dy.address(), yIsF32, 0f);
            s.synchronize();
            double error = maxError(download(dy, m * n, yIsF32), reference, 1);
            double tolerance = yIsF32 ? 1e-3 : 1e-2;
            require(error <= tolerance * scale, String.format("max |Y - reference| / max |reference| = %.2e > %.0e",
                    error / scale, tolerance));
            String detail = String.format("max error %.2e of max |Y| (tolerance %.0e)", error / scale, tolerance);
            if (yIsF32) {
                cublas.linear(s, m, n, k, dx.address(), dw.address(), dy.address(), true, 1f);
                s.synchronize();
                double twice = maxError(download(dy, m * n, true), reference, 2);
                require(twice <= tolerance * 2 * scale, String.format("beta=1: error %.2e of 2 max |Y|",
                        twice / (2 * scale)));
                detail += String.format("; beta=1 accumulates: %.2e", twice / (2 * scale));
            }
            return detail;
        }
    }

    private static String badCall(CudaDevice device) {
        long petabyte = 1L << 50;
        try (DeviceBuffer ignored = device.allocate(petabyte)) {
            throw new IllegalStateException("allocating 1 PiB succeeded");
        } catch (CudaException e) {
            require(e.getMessage().contains("cuMemAlloc_v2") && e.getMessage().contains("CUDA_ERROR_"),
                    "message does not name the call and the error: " + e.getMessage());
            // the context must survive a failed allocation
            try (DeviceBuffer small = device.allocate(16)) {
                require(small.address() != 0, "allocation after the failure returned 0");
            }
            return e.getMessage();
        }
    }

    private static String missingModule(CudaDevice device) {
        try (KernelModule ignored = device.loadModule("no_such_module")) {
            throw new IllegalStateException("loading a module that was never built succeeded");
        } catch (CudaException e) {
            require(e.getMessage().contains("no_such_module") && e.getMessage().contains("selftest"),
                    "message does not name the module and list the built ones: " + e.getMessage());
            return e.getMessage();
        }
    }

    private static String closeAfterDevice(CudaDevice device) {
        // a second handle on the same primary context: closing it leaves the context alive for the first
        CudaDevice other = Cuda.open(device.ordinal());
        DeviceBuffer buffer = other.allocate(16);
        CudaStream stream = other.newStream();
        other.close();
        buffer.close();
        stream.close();
        try (DeviceBuffer after = device.allocate(16)) {
            require(after.address() != 0, "allocation on the first handle failed");
        }
        return "buffer and stream closed after their device without a driver call; the other handle still works";
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void check(String name, Body body) {
        try {
            record(name, true, body.run());
        } catch (Exception | AssertionError | LinkageError e) {
            record(name, false, String.valueOf(e.getMessage() == null ? e : e.getMessage()));
        }
    }

    private <T> T attempt(String name, Callable<T> body) {
        try {
            T result = body.call();
            record(name, true, "ok");
            return result;
        } catch (Exception | LinkageError e) {
            record(name, false, String.valueOf(e.getMessage()));
            return null;
        }
    }

    private void record(String name, boolean passed, String detail) {
        Check c = new Check(name, passed, detail);
        checks.add(c);
        out.println(c);
        out.flush();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static void requireBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            require(Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i]),
                    what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
        }
    }

    private static double maxError(float[] got, double[] reference, double factor) {
        double error = 0;
        for (int i = 0; i < got.length; i++) {
            error = Math.max(error, Math.abs(got[i] - factor * reference[i]));
        }
        return error;
    }

    private static float[] download(DeviceBuffer d, int count, boolean f32) {
        if (f32) {
            float[] y = new float[count];
            d.download(0, MemorySegment.ofArray(y));
            return y;
        }
        short[] bits = new short[count];
        d.download(0, MemorySegment.ofArray(bits));
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            y[i] = bf16(bits[i]);
        }
        return y;
    }

    private float[] randomFloats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private short[] randomBf16(int n) {
        short[] v = new short[n];
        for (int i = 0; i < n; i++) {
            v[i] = (short) (Float.floatToRawIntBits(Fp16.roundBf16((float) random.nextGaussian())) >>> 16);
        }
        return v;
    }

    private static float bf16(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    private static int blocks(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
