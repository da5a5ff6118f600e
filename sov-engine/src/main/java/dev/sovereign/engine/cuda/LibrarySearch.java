package dev.sovereign.engine.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where the CUDA libraries are looked for, in order, and the message when none is found. Kept apart from loading so
 * the search order and its message are tested on machines without a GPU. The driver comes with the GPU driver and sits
 * on the loader path; cuBLAS often does not: on the device machine it ships inside the nvidia-cublas Python wheels.
 * SOV_CUDA_LIBRARY_PATH (colon-separated directories) comes first, then the loader path (LD_LIBRARY_PATH,
 * ld.so.cache), then CUDA_HOME, the usual toolkit directories and the site-packages layouts of those wheels.
 */
final class LibrarySearch {

    static final String PATH_VARIABLE = "SOV_CUDA_LIBRARY_PATH";

    /** Directories tried after the loader path; the wheel layouts are relative to a site-packages directory. */
    private static final List<String> TOOLKIT_DIRS =
            List.of("/usr/local/cuda/lib64", "/usr/local/cuda/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib64",
                    "/usr/lib/wsl/lib");
    private static final List<String> WHEEL_SUBDIRS = List.of("nvidia/cu13/lib", "nvidia/cublas/lib");

    private final Map<String, String> env;
    private final Predicate<Path> exists;
    private final List<Path> sitePackages;

    LibrarySearch(Map<String, String> env, Predicate<Path> exists, List<Path> sitePackages) {
        this.env = env;
        this.exists = exists;
        this.sitePackages = sitePackages;
    }

    static LibrarySearch ofSystem() {
        return new LibrarySearch(System.getenv(), Files::isRegularFile, PythonSitePackages.find(System.getenv()));
    }

    /** The directories of SOV_CUDA_LIBRARY_PATH, in order. */
    List<Path> configuredDirectories() {
        List<Path> dirs = new ArrayList<>();
        for (String dir : env.getOrDefault(PATH_VARIABLE, "").split(":")) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir.trim()));
            }
        }
        return dirs;
    }

    /** The directories searched, in order, without duplicates: SOV_CUDA_LIBRARY_PATH's first. */
    List<Path> directories() {
        Set<Path> dirs = new LinkedHashSet<>(configuredDirectories());
        String cudaHome = env.getOrDefault("CUDA_HOME", "");
        if (!cudaHome.isBlank()) {
            dirs.add(Path.of(cudaHome, "lib64"));
        }
        for (String dir : TOOLKIT_DIRS) {
            dirs.add(Path.of(dir));
        }
        for (Path site : sitePackages) {
            for (String sub : WHEEL_SUBDIRS) {
                dirs.add(site.resolve(sub));
            }
        }
        return List.copyOf(dirs);
    }

    /** The first file named one of {@code fileNames} (most preferred first) in the searched directories. */
    Optional<Path> find(List<String> fileNames) {
        return findIn(directories(), fileNames);
    }

    /** As {@link #find}, in SOV_CUDA_LIBRARY_PATH's directories only. */
    Optional<Path> findConfigured(List<String> fileNames) {
        return findIn(configuredDirectories(), fileNames);
    }

    private Optional<Path> findIn(List<Path> dirs, List<String> fileNames) {
        for (String name : fileNames) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (exists.test(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** What to tell the user when {@code fileNames} were not found on the loader path nor in {@link #directories}. */
    String notFound(String what, List<String> fileNames) {
        List<String> dirs = new ArrayList<>();
        for (Path dir : directories()) {
            dirs.add(dir.toString());
        }
        String configured = env.getOrDefault(PATH_VARIABLE, "");
        return what + " not found: looked for " + String.join(" or ", fileNames)
                + " on the loader path (LD_LIBRARY_PATH, ld.so.cache) and in " + String.join(", ", dirs)
                + " (" + PATH_VARIABLE + (configured.isBlank() ? " is unset" : "=" + configured)
                + "; set it to the directory that holds " + fileNames.getFirst() + ")";
    }
}
