package dev.sovereign.engine;

import dev.sovereign.testing.SharedData;
import java.nio.file.Path;

/**
 * The engine's files in the shared, third-party test data. A test that reads one says so with
 * {@code @NeedsSharedData(SharedFixtures.LLAMA2_TINY_RANDOM)}, so a fresh clone skips it instead of failing.
 */
public final class SharedFixtures {
    /** A Llama-2 GGUF written by llama.cpp's own tooling, with the real 32,000-token SentencePiece vocabulary. */
    public static final String LLAMA2_TINY_RANDOM = "fixtures/gguf/llama-2-tiny-random.gguf";

    private SharedFixtures() {
    }

    public static Path llama2TinyRandom() {
        return SharedData.file(LLAMA2_TINY_RANDOM);
    }
}
