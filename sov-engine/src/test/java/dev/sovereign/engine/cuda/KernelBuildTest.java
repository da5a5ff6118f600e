package dev.sovereign.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nvcc build step (tools/cuda/build-kernels.sh, run by Maven) and how the runtime reads what it left. */
class KernelBuildTest {

    private static final Path ROOT = Path.of(System.getProperty("sov.root", ".."));
    private static final Path SCRIPT = ROOT.resolve("tools/cuda/build-kernels.sh");
    private static final Path SOURCES = ROOT.resolve("sov-engine/src/main/cuda");

    @TempDir
    Path tmp;

    @Test
    void theBuildLeftSelftestFatbinWithMachineCodeForEachGpuAndPtx() throws IOException {
        assumeTrue(nvccPresent(), "nvcc is not on PATH nor in $CUDA_HOME/bin: this build has no kernels to check");
        Properties note = KernelResources.buildNote(KernelResources.class::getResourceAsStream);

        assertThat(note).as("kernels.properties from the build step").isNotNull();
        assertThat(note.getProperty("nvcc")).isNotBlank();
        assertThat(note.getProperty("modules").split(",")).contains("selftest");
        assertThat(FatbinImages.parse(KernelResources.fatbin("selftest")).images())
                .containsExactlyInAnyOrder("elf sm_80", "elf sm_89", "elf sm_90", "ptx sm_90");
    }

    @Test
    void aModuleThatWasNotBuiltIsNamedWithTheOnesThatWere() {
        Map<String, String> files = Map.of(KernelResources.BUILD_NOTE, "nvcc=13.0\nmodules=selftest,decoder\n");

        assertThatThrownBy(() -> KernelResources.fatbin("decodr", open(files))).isInstanceOf(CudaException.class)
                .hasMessage("no CUDA kernel module 'decodr' in this build; it has: selftest,decoder");
        assertThatThrownBy(() -> KernelResources.fatbin("../selftest", open(files)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("stem must be a file stem");
    }

    @Test
    void aBuildWithoutNvccSaysSo() {
        Map<String, String> noNvcc = Map.of(KernelResources.BUILD_NOTE, "nvcc=\nmodules=\n");

        assertThatThrownBy(() -> KernelResources.fatbin("selftest", open(noNvcc))).isInstanceOf(CudaException.class)
                .hasMessage("this build has no CUDA kernels: nvcc was not found when it was built");
        assertThatThrownBy(() -> KernelResources.fatbin("selftest", open(Map.of()))).isInstanceOf(CudaException.class)
                .hasMessage(KernelResources.NO_NVCC);
    }

    @Test
    void scriptWithoutNvccWarnsWritesAnEmptyNoteAndSucceeds() throws Exception {
        Path out = tmp.resolve("kernels");
        Files.createDirectories(out);
        Files.writeString(out.resolve("stale.fatbin"), "left from a build with nvcc");

        Result r = script(Map.of("PATH", "/usr/bin:/bin"), SOURCES, out);

        assertThat(r.exit).isZero();
        assertThat(r.output).contains("[WARNING] nvcc not found on PATH or in $CUDA_HOME/bin");
        assertThat(Files.readString(out.resolve("kernels.properties"))).isEqualTo("nvcc=\nmodules=\n");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kernels.properties");
        }
    }

    @Test
    void scriptCompilesOnlyWhatChangedAndFailsOnACompileError() throws Exception {
        assumeTrue(nvccPresent(), "nvcc is not on PATH nor in $CUDA_HOME/bin");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path out = tmp.resolve("out");
        Files.writeString(src.resolve("one.cu"), "extern \"C\" __global__ void one(int* p) { *p = 1; }\n");

        Result first = script(Map.of(), src, out);
        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.output).contains("nvcc: one.cu -> one.fatbin");
        assertThat(FatbinImages.parse(Files.readAllBytes(out.resolve("one.fatbin"))).images()).hasSize(4);
        assertThat(Files.readString(out.resolve("kernels.properties"))).contains("modules=one");

        Result again = script(Map.of(), src, out);
        assertThat(again.output).doesNotContain("nvcc:");

        Files.writeString(src.resolve("two.cu"), "extern \"C\" __global__ void two(int* p) { *p = ; }\n");
        Result broken = script(Map.of(), src, out);
        assertThat(broken.exit).isNotZero();
        assertThat(broken.output).contains("two.cu").contains("error");
        assertThat(out.resolve("two.fatbin")).doesNotExist();
        assertThat(out.resolve("two.fatbin.tmp")).doesNotExist();
    }

    private record Result(int exit, String output) {}

    private static Result script(Map<String, String> env, Path src, Path out) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), src.toString(), out.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (env.containsKey("PATH")) {
            pb.environment().remove("CUDA_HOME");
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    private static boolean nvccPresent() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvcc"))) {
                return true;
            }
        }
        String cudaHome = System.getenv("CUDA_HOME");
        return cudaHome != null && Files.isExecutable(Path.of(cudaHome, "bin", "nvcc"));
    }

    private static java.util.function.Function<String, InputStream> open(Map<String, String> files) {
        return path -> files.containsKey(path)
                ? new ByteArrayInputStream(files.get(path).getBytes(StandardCharsets.UTF_8)) : null;
    }
}
