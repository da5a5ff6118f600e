package dev.sovereign.engine.generate;

import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.tokenizer.IncrementalDecoder;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Text in, text out: a raw completion is tokenized as llama.cpp tokenizes one (special tokens added as the
 * vocabulary says, special-token text parsed); {@code chat} first renders the prompt as one user message through the
 * model's own chat template. Generated text is streamed to {@code out} in complete UTF-8 characters.
 */
public final class TextGeneration {

    private TextGeneration() {
    }

    public static int generate(LoadedModel model, String prompt, boolean chat, SamplingParams params, int threads,
            Consumer<String> out) {
        Tokenizer tokenizer = model.tokenizer();
        String text = chat ? model.chatTemplate().render(List.of(Map.of("role", "user", "content", prompt)),
                List.of(), true, Map.of()) : prompt;
        // a rendered template already spells out its special tokens (BOS included), as HF apply_chat_template does
        int[] ids = tokenizer.encode(text, !chat, true);
        IncrementalDecoder decoder = tokenizer.incrementalDecoder();
        try (VectorKernels kernels = new VectorKernels(threads)) {
            int[] generated = new Generator(model.transformer(kernels), tokenizer.endOfGenerationTokens())
                    .generate(ids, params, (token, logits) -> {
                        String piece = decoder.next(token);
                        if (!piece.isEmpty()) {
                            out.accept(piece);
                        }
                    });
            String rest = decoder.flush();
            if (!rest.isEmpty()) {
                out.accept(rest);
            }
            return generated.length;
        }
    }
}
