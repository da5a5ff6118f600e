package dev.sovereign.engine.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.Function;

/**
 * The fatbins the build compiled from src/main/cuda/*.cu, and the build's note (kernels.properties) saying whether nvcc
 * was there, so a missing module is told apart from a build that had no nvcc at all.
 */
final class KernelResources {

    static final String DIRECTORY = "kernels/";
    static final String BUILD_NOTE = DIRECTORY + "kernels.properties";
    static final String NO_NVCC = "this build has no CUDA kernels: nvcc was not found when it was built";

    private KernelResources() {}

    static byte[] fatbin(String stem) {
        return fatbin(stem, KernelResources.class::getResourceAsStream);
    }

    /** {@code resources} opens a path relative to this package, null when absent. */
    static byte[] fatbin(String stem, Function<String, InputStream> resources) {
        if (stem == null || !stem.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("stem must be a file stem of src/main/cuda (letters, digits, _ or -), "
                    + "was " + stem);
        }
        Properties note = buildNote(resources);
        if (note == null || note.getProperty("nvcc", "").isBlank()) {
            throw new CudaException(NO_NVCC);
        }
        try (InputStream in = resources.apply(DIRECTORY + stem + ".fatbin")) {
            if (in == null) {
                throw new CudaException("no CUDA kernel module '" + stem + "' in this build; it has: "
                        + note.getProperty("modules", "none"));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading kernel module " + stem, e);
        }
    }

    /** The build's note, null when the build step never ran (a build without the CUDA step). */
    static Properties buildNote(Function<String, InputStream> resources) {
        try (InputStream in = resources.apply(BUILD_NOTE)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + BUILD_NOTE, e);
        }
    }
}
