package dev.sovereign.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens a shared library by soname through the loader path first, then from {@link LibrarySearch}'s directories. */
final class NativeLibraryLoader {

    private NativeLibraryLoader() {}

    /** A loaded library and where it came from (the soname when the loader found it). */
    record Loaded(SymbolLookup symbols, String origin) {}

    static Loaded load(LibrarySearch search, String what, List<String> fileNames, List<String> companions) {
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
        Path path = found.get();
        // A library from a wheel directory needs its siblings (libcublasLt beside libcublas); loading them first by
        // full path lets the dynamic linker match the dependency by soname without LD_LIBRARY_PATH.
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
