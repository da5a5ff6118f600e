package dev.sovereign.api.openai;

import java.util.List;

/** The answer of {@code /v1/embeddings}. */
public record Embeddings(String object, List<Item> data, String model, Usage usage) {

    public record Item(String object, int index, float[] embedding) {
    }
}
