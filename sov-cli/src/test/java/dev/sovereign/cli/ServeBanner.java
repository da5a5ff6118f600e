package dev.sovereign.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code sov serve} prints on stdout once it serves: the URL, the key of tenant local, the curl line to paste. */
public record ServeBanner(String url, String key, String curl, List<String> lines) {

    private static final Pattern URL = Pattern.compile("^Sovereign is serving on (\\S+)$");
    private static final Pattern KEY = Pattern.compile("^  API key \\(tenant local\\): (\\S+)$");
    private static final String CURL = "  try: ";

    /** Reads stdout up to the curl line; fails with {@code stderr} if the process ends before it. */
    public static ServeBanner read(BufferedReader out, Supplier<String> stderr) throws IOException {
        List<String> printed = new ArrayList<>();
        String url = null;
        String key = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            printed.add(line);
            Matcher u = URL.matcher(line);
            Matcher k = KEY.matcher(line);
            if (u.matches()) {
                url = u.group(1);
            } else if (k.matches()) {
                key = k.group(1);
            } else if (line.startsWith(CURL + "curl ")) {
                return new ServeBanner(url, key, line.substring(CURL.length()), printed);
            }
        }
        throw new AssertionError("sov serve ended before its banner; printed: " + printed + "; stderr: " + stderr.get());
    }

    /** A captured stderr file for an assertion message, or why there is none. */
    public static String captured(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
