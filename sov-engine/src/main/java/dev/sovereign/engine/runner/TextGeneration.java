package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.tokenizer.IncrementalDecoder;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Text in, text out, for {@code sov generate}: a raw completion is tokenized as llama.cpp tokenizes one (special
 * tokens added as the vocabulary says, special-token text parsed); {@code chat} first renders the prompt as one user
 * message through the model's own chat template. The tokens come from a {@link ServingEngine} sized for this one
 * sequence, so the command runs the server's scheduler, runner and sampler. Generated text is streamed to {@code out}
 * in complete UTF-8 characters, decoded as a text of its own (a leading space of the first piece is dropped, as
 * {@code decode} drops it).
 */
public final class TextGeneration {

    private TextGeneration() {
    }

    /** On the CPU; returns how many tokens were generated. */
    public static int generate(LoadedModel model, String prompt, boolean chat, SamplingOptions options, int threads,
            Consumer<String> out) {
        return generate(model, prompt, chat, options, threads, EngineDevice.CPU,
                EngineSettings.DEFAULT_GPU_MEMORY_UTILIZATION, out);
    }

    /**
     * On {@code device} ({@code --device}); the KV pool holds this one sequence wherever it lives. Returns how many
     * tokens were generated.
     */
    public static int generate(LoadedModel model, String prompt, boolean chat, SamplingOptions options, int threads,
            EngineDevice device, double gpuMemoryUtilization, Consumer<String> out) {
        Tokenizer tokenizer = model.tokenizer();
        String text = chat ? model.chatTemplate().render(List.of(Map.of("role", "user", "content", prompt)),
                List.of(), true, Map.of()) : prompt;
        // a rendered template already spells out its special tokens (BOS included), as HF apply_chat_template does
        int[] ids = tokenizer.encode(text, !chat, true);
        int context = model.config().contextLength();
        if (ids.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens");
        }
        if (ids.length >= context) {
            throw new IllegalArgumentException("the prompt has " + ids.length + " tokens; the context holds " + context);
        }
        SamplingOptions fitting = options.withMaxTokens(Math.min(options.maxTokens(), context - ids.length));
        IncrementalDecoder decoder = tokenizer.incrementalDecoder();
        CompletableFuture<SequenceListener.Completion> done = new CompletableFuture<>();
        EngineSettings settings = EngineSettings.oneSequence(model.config(), ids.length + fitting.maxTokens(), threads)
                .withDevice(device).withGpuMemoryUtilization(gpuMemoryUtilization);
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            engine.submit(ids, fitting, new SequenceListener() {
                @Override
                public void onToken(SampledToken token, String ignoredContinuationText) {
                    if (token != null) {
                        String piece = decoder.next(token.token());
                        if (!piece.isEmpty()) {
                            out.accept(piece);
                        }
                    }
                }

                @Override
                public void onFinish(Completion completion) {
                    done.complete(completion);
                }
            });
            SequenceListener.Completion completion = done.join();
            if (completion.error() != null) {
                throw new IllegalStateException("generation failed: " + completion.error());
            }
            String rest = decoder.flush();
            if (!rest.isEmpty()) {
                out.accept(rest);
            }
            return completion.completionTokens();
        }
    }
}
