package dev.sovereign.engine.cuda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The site-packages (or Debian's dist-packages) directories where pip may have put the nvidia-* wheels that carry
 * cuBLAS: the active virtual environment's, the user's and the system interpreters'. Found by listing lib/python3.*
 * rather than by running Python, so the search costs a few directory reads and never starts a process.
 */
final class PythonSitePackages {

    private PythonSitePackages() {}

    static List<Path> find(Map<String, String> env) {
        List<Path> prefixes = new ArrayList<>();
        String venv = env.getOrDefault("VIRTUAL_ENV", "");
        if (!venv.isBlank()) {
            prefixes.add(Path.of(venv));
        }
        String home = env.getOrDefault("HOME", "");
        if (!home.isBlank()) {
            prefixes.add(Path.of(home, ".local"));
        }
        prefixes.add(Path.of("/usr/local"));
        prefixes.add(Path.of("/usr"));
        List<Path> sites = new ArrayList<>();
        for (Path prefix : prefixes) {
            for (Path lib : pythonLibs(prefix.resolve("lib"))) {
                for (String name : List.of("site-packages", "dist-packages")) {
                    if (Files.isDirectory(lib.resolve(name))) {
                        sites.add(lib.resolve(name));
                    }
                }
            }
        }
        return sites;
    }

    private static List<Path> pythonLibs(Path lib) {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(lib)) {
            return children.filter(p -> p.getFileName().toString().startsWith("python3")).sorted().toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
