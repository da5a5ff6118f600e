package dev.sovereign.router.encoder;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The tokenizer, the transformer and its distilled static table, loaded once per process and
 * shared by every router (they are read-only). The transformer is only started when needed:
 * to distil the table the first time, or for the transformer and cascade modes.
 */
public final class EncoderModels {

    private static volatile EncoderModels shared;

    private final WordPieceTokenizer tokenizer;
    private final Path cacheDir;
    private final int threads;
    private volatile OnnxEncoder transformer;
    private volatile StaticEmbeddings staticEmbeddings;

    private EncoderModels(Path cacheDir, int threads) {
        this.tokenizer = WordPieceTokenizer.fromTokenizerJson(OnnxEncoder.resource(OnnxEncoder.TOKENIZER_RESOURCE));
        this.cacheDir = cacheDir;
        this.threads = threads;
    }

    public static EncoderModels shared() {
        if (shared == null) {
            synchronized (EncoderModels.class) {
                if (shared == null) {
                    shared = new EncoderModels(defaultCacheDir(), Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
                }
            }
        }
        return shared;
    }

    /**
     * {@code -Dsov.router.cache=DIR}, else {@code SOV_ROUTER_CACHE}, else ~/.cache/sovereign/router.
     */
    static Path defaultCacheDir() {
        String p = System.getProperty("sov.router.cache", System.getenv("SOV_ROUTER_CACHE"));
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "sovereign", "router");
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    public OnnxEncoder transformer() {
        return lazy(() -> transformer, () -> transformer = OnnxEncoder.load(threads));
    }

    public StaticEmbeddings staticEmbeddings() {
        return lazy(() -> staticEmbeddings, () -> staticEmbeddings = StaticEmbeddings.loadOrDistill(
                cacheDir.resolve("static-minilm-l6-q-v1.bin"), transformer(), tokenizer.vocabSize()));
    }

    public PromptEncoder promptEncoder(String name) {
        return switch (name) {
            case StaticPromptEncoder.NAME -> new StaticPromptEncoder(staticEmbeddings());
            case TransformerPromptEncoder.NAME -> new TransformerPromptEncoder(transformer());
            default -> throw new IllegalArgumentException("unknown prompt encoder " + name);
        };
    }

    private synchronized <T> T lazy(Supplier<T> get, Runnable init) {
        if (get.get() == null) {
            init.run();
        }
        return get.get();
    }
}
