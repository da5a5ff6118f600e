package dev.sovereign.cli.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The configuration files of examples/clients, as a user copies them, with the default URL and key placeholder
 * replaced by the running server's: the tests use the documented files, so the documentation cannot rot.
 */
final class ClientExamples {

    static final String DEFAULT_URL = "http://127.0.0.1:8080/v1";
    static final String KEY_PLACEHOLDER = "YOUR-SOVEREIGN-KEY";

    private ClientExamples() {
    }

    static String read(String path, String url, String key) throws IOException {
        String text = Files.readString(SovServe.ROOT.resolve("examples/clients").resolve(path), StandardCharsets.UTF_8);
        if (!text.contains(DEFAULT_URL)) {
            throw new IllegalStateException("examples/clients/" + path + " no longer names " + DEFAULT_URL);
        }
        return text.replace(DEFAULT_URL, url).replace(KEY_PLACEHOLDER, key);
    }
}
