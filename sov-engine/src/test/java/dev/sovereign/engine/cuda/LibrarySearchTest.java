package dev.sovereign.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibrarySearchTest {

    @TempDir
    Path tmp;

    @Test
    void configuredDirectoriesComeFirstThenCudaHomeToolkitAndWheelLayouts() {
        LibrarySearch search = new LibrarySearch(Map.of("SOV_CUDA_LIBRARY_PATH", "/a:/b/c: ", "CUDA_HOME", "/opt/cuda"),
                p -> false, List.of(Path.of("/venv/lib/python3.12/site-packages")));

        assertThat(search.directories()).containsExactly(Path.of("/a"), Path.of("/b/c"), Path.of("/opt/cuda/lib64"),
                Path.of("/usr/local/cuda/lib64"), Path.of("/usr/local/cuda/lib"), Path.of("/usr/lib/x86_64-linux-gnu"),
                Path.of("/usr/lib64"), Path.of("/usr/lib/wsl/lib"),
                Path.of("/venv/lib/python3.12/site-packages/nvidia/cu13/lib"),
                Path.of("/venv/lib/python3.12/site-packages/nvidia/cublas/lib"));
    }

    @Test
    void findsThePreferredNameBeforeAnEarlierDirectoryWithAnOlderOne() throws IOException {
        Path old = Files.createDirectories(tmp.resolve("old"));
        Path wheel = Files.createDirectories(tmp.resolve("site/nvidia/cu13/lib"));
        Files.writeString(old.resolve("libcublas.so.12"), "");
        Files.writeString(wheel.resolve("libcublas.so.13"), "");
        LibrarySearch search = new LibrarySearch(Map.of("SOV_CUDA_LIBRARY_PATH", old.toString()), Files::isRegularFile,
                List.of(tmp.resolve("site")));

        assertThat(search.find(CublasApi.LIBRARIES)).contains(wheel.resolve("libcublas.so.13"));
        assertThat(search.find(List.of("libcublas.so.12"))).contains(old.resolve("libcublas.so.12"));
        assertThat(search.find(List.of("libcublasLt.so.13"))).isEmpty();
        assertThat(search.findConfigured(CublasApi.LIBRARIES)).as("only SOV_CUDA_LIBRARY_PATH's directories")
                .contains(old.resolve("libcublas.so.12"));
    }

    @Test
    void notFoundNamesTheFilesEveryDirectoryAndTheVariable() {
        LibrarySearch unset = new LibrarySearch(Map.of(), p -> false, List.of());
        String message = unset.notFound("cuBLAS", CublasApi.LIBRARIES);

        assertThat(message)
                .startsWith("cuBLAS not found: looked for libcublas.so.13 or libcublas.so.12 on the loader path")
                .contains("/usr/local/cuda/lib64, /usr/local/cuda/lib, /usr/lib/x86_64-linux-gnu")
                .contains("SOV_CUDA_LIBRARY_PATH is unset; set it to the directory that holds libcublas.so.13");

        LibrarySearch set = new LibrarySearch(Map.of("SOV_CUDA_LIBRARY_PATH", "/x/lib"), p -> false, List.of());
        assertThat(set.notFound("cuBLAS", CublasApi.LIBRARIES)).contains("in /x/lib, ")
                .contains("SOV_CUDA_LIBRARY_PATH=/x/lib;");
    }

    @Test
    void loaderReportsTheSearchWhenNothingIsFound() {
        LibrarySearch search = new LibrarySearch(Map.of("SOV_CUDA_LIBRARY_PATH", tmp.toString()), Files::isRegularFile,
                List.of());

        assertThatThrownBy(() -> NativeLibraryLoader.load(search, "the test library", List.of("libsov-absent.so.1"),
                List.of())).isInstanceOf(CudaException.class)
                .hasMessageStartingWith("the test library not found: looked for libsov-absent.so.1")
                .hasMessageContaining(tmp.toString());
    }

    @Test
    void sitePackagesAreListedFromTheVirtualEnvironment() throws IOException {
        Files.createDirectories(tmp.resolve("lib/python3.12/site-packages"));
        Files.createDirectories(tmp.resolve("lib/python3.13"));
        Files.createDirectories(tmp.resolve("lib/perl5/site-packages"));

        List<Path> sites = PythonSitePackages.find(Map.of("VIRTUAL_ENV", tmp.toString()));

        assertThat(sites).startsWith(tmp.resolve("lib/python3.12/site-packages"));
        assertThat(sites).noneMatch(p -> p.startsWith(tmp) && !p.equals(tmp.resolve("lib/python3.12/site-packages")));
    }
}
