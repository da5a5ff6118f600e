package dev.sovereign.k8s.render;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import dev.sovereign.spec.inference.InferenceServiceSpec.LoraAdapter;
import dev.sovereign.spec.inference.ReasoningFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's command-line flags, in the reference composition's order: managed flags from
 * the spec first, then {@code engineArgs} verbatim and last (the spec refuses managed flags
 * there, so a user flag never fights a managed one).
 */
public final class EngineArgs {

    static final String GPU_MEMORY_UTILIZATION = "0.92";
    static final int MAX_LORA_RANK = 64;
    static final String REASONING_PARSER = ReasoningFamily.FLAG;

    private EngineArgs() {
    }

    /** vLLM's flags. */
    public static List<String> vllm(InferenceService service) {
        InferenceServiceSpec spec = service.spec();
        List<String> args = new ArrayList<>(List.of(
                "--model", Names.modelPath(service),
                "--served-model-name", service.name(),
                "--max-model-len", String.valueOf(spec.model().contextWindow()),
                "--max-num-seqs", String.valueOf(spec.model().maxNumSeqs()),
                "--gpu-memory-utilization", GPU_MEMORY_UTILIZATION));
        if (!"fp16".equals(spec.model().quantization())) {
            args.addAll(List.of("--quantization", spec.model().quantization()));
        }
        if (spec.cache().prefixCache().enabled()) {
            args.add("--enable-prefix-caching");
        }
        if (spec.gpu().count() > 1) {
            // One process spans the pod's GPUs; without it vLLM uses the first and the others idle.
            args.addAll(List.of("--tensor-parallel-size", String.valueOf(spec.gpu().count())));
        }
        if (spec.cache().kvOffload().enabled()) {
            // vLLM 0.25's KV-cache offload to CPU memory (GiB). --cpu-offload-gb would offload weights instead.
            args.addAll(List.of("--kv-offloading-backend", "native",
                    "--kv-offloading-size", String.valueOf(spec.cache().kvOffload().sizeGB())));
        }
        if (spec.model().toolCallParser() != null) {
            args.addAll(List.of("--enable-auto-tool-choice", "--tool-call-parser", spec.model().toolCallParser()));
        }
        reasoningParser(spec.model().repository())
                .filter(parser -> spec.engineArgs().stream().noneMatch(a -> a.startsWith(REASONING_PARSER)))
                .ifPresent(parser -> args.addAll(List.of(REASONING_PARSER, parser)));
        if (!spec.loraAdapters().isEmpty()) {
            args.addAll(List.of("--enable-lora",
                    "--max-loras", String.valueOf(spec.loraAdapters().size()),
                    "--max-lora-rank", String.valueOf(MAX_LORA_RANK),
                    "--lora-modules"));
            for (LoraAdapter adapter : spec.loraAdapters()) {
                args.add(adapter.name() + "=" + loraPath(adapter));
            }
        }
        if (spec.model().streaming() != null && spec.model().streaming().enabled()) {
            args.addAll(List.of("--load-format", "runai_streamer"));
            if (spec.model().streaming().concurrency() != null) {
                args.addAll(List.of("--model-loader-extra-config",
                        "{\"concurrency\":" + spec.model().streaming().concurrency() + "}"));
            }
        }
        args.addAll(spec.engineArgs());
        return args;
    }

    /** Flags of {@code sov engine}, Sovereign's CPU engine, which speaks vLLM's flag dialect. */
    public static List<String> embedded(InferenceService service) {
        InferenceServiceSpec spec = service.spec();
        List<String> args = new ArrayList<>(List.of(
                "engine",
                "--model", Names.modelPath(service),
                "--served-model-name", service.name(),
                "--max-model-len", String.valueOf(spec.model().contextWindow()),
                "--max-num-seqs", String.valueOf(spec.model().maxNumSeqs()),
                "--host", "0.0.0.0",
                "--port", String.valueOf(Names.ENGINE_PORT)));
        if (!"fp16".equals(spec.model().quantization())) {
            args.addAll(List.of("--quantization", spec.model().quantization()));
        }
        if (spec.cache().prefixCache().enabled()) {
            args.add("--enable-prefix-caching");
        }
        // sov engine reads the same formats as vLLM (ADR 0137, 0138); it has no --enable-auto-tool-choice switch
        if (spec.model().toolCallParser() != null) {
            args.addAll(List.of("--tool-call-parser", spec.model().toolCallParser()));
        }
        reasoningParser(spec.model().repository())
                .filter(parser -> spec.engineArgs().stream().noneMatch(a -> a.startsWith(REASONING_PARSER)))
                .ifPresent(parser -> args.addAll(List.of(REASONING_PARSER, parser)));
        args.addAll(spec.engineArgs());
        return args;
    }

    /** vLLM's reasoning parser for the model's family ({@link ReasoningFamily}). */
    public static Optional<String> reasoningParser(String repository) {
        return ReasoningFamily.of(repository);
    }

    static String loraPath(LoraAdapter adapter) {
        return "/models/loras/" + adapter.name();
    }
}
