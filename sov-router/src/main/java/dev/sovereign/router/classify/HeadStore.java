package dev.sovereign.router.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where trained heads live: committed JSON resources under
 * {@code dev/sovereign/router/heads/<task>-<encoder>.json}, written by {@code sov route train}.
 */
public final class HeadStore {

    public static final String RESOURCE_DIR = "dev/sovereign/router/heads/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private HeadStore() {
    }

    public static String fileName(String task, String encoder) {
        return task + "-" + encoder + ".json";
    }

    public static LinearHead bundled(String task, String encoder) {
        String name = RESOURCE_DIR + fileName(task, encoder);
        try (InputStream in = HeadStore.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("classifier head " + name + " is missing; run 'sov route train'");
            }
            return JSON.readValue(in, LinearHead.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classifier head " + name, e);
        }
    }

    public static LinearHead read(Path file) {
        try {
            return JSON.readValue(file.toFile(), LinearHead.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classifier head " + file, e);
        }
    }

    public static void write(LinearHead head, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(head) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write classifier head " + file, e);
        }
    }
}
