package dev.sovereign.k8s.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A suite file and the files it refers to with relative {@code file://} paths (prompts, test
 * lists, CSV vars), read as plain text: sov-k8s must not depend on sov-eval, and the CronJob
 * only needs the bytes to put in a ConfigMap. Glob patterns and paths leaving the suite's
 * folder cannot be shipped this way and are refused.
 *
 * @param suiteName the suite's file name, the one {@code sov eval -c} is given
 * @param files     relative path (from the suite's folder) to content, the suite first
 */
public record EvalSuiteFiles(String suiteName, Map<String, String> files) {

    private static final Pattern FILE_REFERENCE = Pattern.compile("file://([^\\s'\"\\],}#]+)");

    public static EvalSuiteFiles read(Path suite) {
        if (!Files.isRegularFile(suite)) {
            throw new IllegalArgumentException("--eval-suite: no such file: " + suite);
        }
        Path folder = suite.toAbsolutePath().getParent();
        Map<String, String> files = new LinkedHashMap<>();
        String name = suite.getFileName().toString();
        String text = readText(suite);
        files.put(name, text);
        Matcher reference = FILE_REFERENCE.matcher(text);
        while (reference.find()) {
            String relative = reference.group(1);
            Path target = folder.resolve(relative).normalize();
            if (relative.contains("*") || relative.startsWith("/") || !target.startsWith(folder)) {
                throw new IllegalArgumentException(name + ": file://" + relative
                        + ": only files in the suite's folder (no globs, no absolute paths) can go into its ConfigMap");
            }
            if (!Files.isRegularFile(target)) {
                throw new IllegalArgumentException(name + ": file://" + relative + ": no such file next to the suite");
            }
            files.putIfAbsent(folder.relativize(target).toString().replace('\\', '/'), readText(target));
        }
        return new EvalSuiteFiles(name, files);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
