package dev.sovereign.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens a shared library: from SOV_CUDA_LIBRARY_PATH if it holds one, else by soname through the loader path, else from
 * the rest of {@link LibrarySearch}'s directories.
 */
final class NativeLibraryLoader {

    private NativeLibraryLoader() {}

    /** A loaded library and where it came from (the soname when the loader found it). */
    record Loaded(SymbolLookup symbols, String origin) {}

    static Loaded load(LibrarySearch search, String what, List<String> fileNames, List<String> companions) {
        // SOV_CUDA_LIBRARY_PATH is an explicit choice, so it wins over whatever the loader path holds
        Optional<Path> configured = search.findConfigured(fileNames);
        if (configured.isPresent()) {
            return loadFile(configured.get(), what, companions);
        }
        for (String name : fileNames) {
            try {
                return new Loaded(SymbolLookup.libraryLookup(name, Arena.global()), name);
            } catch (IllegalArgumentException notOnLoaderPath) {
                // try the next name, then the explicit directories
            }
        }
        Optional<Path> found = search.find(fileNames);
        if (found.isEmpty()) {
            throw new CudaException(search.notFound(what, fileNames));
        }
        return loadFile(found.get(), what, companions);
    }

    private static Loaded loadFile(Path path, String what, List<String> companions) {
        // A library from a wheel directory may need its siblings (libcublasLt, libcudart beside libcublas); loading
        // them first by full path lets the dynamic linker match the dependency by soname without LD_LIBRARY_PATH.
        for (String companion : companions) {
            Path sibling = path.resolveSibling(companion);
            if (sibling.toFile().isFile()) {
                tryLoad(sibling);
            }
        }
        try {
            return new Loaded(SymbolLookup.libraryLookup(path, Arena.global()), path.toString());
        } catch (IllegalArgumentException e) {
            throw new CudaException(what + " found at " + path + " but could not be loaded: " + e.getMessage(), e);
        }
    }

    private static void tryLoad(Path path) {
        try {
            SymbolLookup.libraryLookup(path, Arena.global());
        } catch (IllegalArgumentException e) {
            // the main library's own load reports what is missing
        }
    }
}
