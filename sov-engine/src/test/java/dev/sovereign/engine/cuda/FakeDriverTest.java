package dev.sovereign.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CudaSelfTest} end to end against a host-memory imitation of libcuda.so.1 and libcublas.so.13
 * (src/test/native/fake-cuda, built here with the C compiler), in a child JVM so that SOV_CUDA_LIBRARY_PATH points at
 * it. It cannot say anything about a GPU; it does check every downcall's signature, the kernel argument packing, the
 * graph flow and the row-major {@code linear} against a float64 reference before a device run is spent on them.
 */
class FakeDriverTest {

    private static final Path ROOT = Path.of(System.getProperty("sov.root", ".."));
    private static final Path SOURCES = ROOT.resolve("sov-engine/src/test/native/fake-cuda");

    @TempDir
    Path libs;

    @Test
    void selfTestPassesEveryCheckAgainstTheFakeDriver() throws Exception {
        Properties note = KernelResources.buildNote(KernelResources.class::getResourceAsStream);
        assumeTrue(note != null && !note.getProperty("nvcc", "").isBlank(),
                "this build has no kernels (no nvcc), and the self-test loads selftest.fatbin");
        assumeTrue(compile("fake_cuda.c", "libcuda.so.1") && compile("fake_cublas.c", "libcublas.so.13"),
                "no C compiler (cc) to build the fake CUDA libraries");

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CudaSelfTest.class.getName()).redirectErrorStream(true);
        pb.environment().put(LibrarySearch.PATH_VARIABLE, libs.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        List<String> lines = output.lines().filter(l -> l.startsWith("PASS ") || l.startsWith("FAIL ")).toList();
        assertThat(lines).as(output).hasSize(17).allMatch(l -> l.startsWith("PASS "));
        assertThat(output).contains("PASS probe: found Fake H100 (dev 0) (sm_90, 132 SMs)")
                .contains("PASS CudaException on a bad call: cuMemAlloc_v2(bytes=1125899906842624) failed: "
                        + "CUDA_ERROR_OUT_OF_MEMORY (out of memory)")
                .contains("cuda self-test: 17 passed, 0 failed");
    }

    private boolean compile(String source, String library) throws IOException, InterruptedException {
        try {
            Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-O1", "-o", libs.resolve(library).toString(),
                    SOURCES.resolve(source).toString()).redirectErrorStream(true).start();
            String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (cc.waitFor() != 0) {
                throw new IllegalStateException("cc failed on " + source + ":\n" + log);
            }
            return Files.isRegularFile(libs.resolve(library));
        } catch (IOException noCompiler) {
            return false;
        }
    }
}
