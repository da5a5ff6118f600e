package dev.sovereign.spec.inference;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reasoning parser a model's family calls for, read from its repository name, so the thinking part comes back as
 * {@code reasoning_content} instead of inside the answer, on vLLM and the embedded engine alike. Qwen3-Coder does not
 * think; QwQ writes DeepSeek-R1's tags. A {@code --reasoning-parser} in {@code engineArgs} wins (families this list
 * does not know).
 */
public final class ReasoningFamily {

    public static final String FLAG = "--reasoning-parser";

    private ReasoningFamily() {
    }

    /** The parser for the family of {@code repository}, if it thinks. */
    public static Optional<String> of(String repository) {
        String name = repository.toLowerCase(Locale.ROOT);
        String model = name.substring(name.lastIndexOf('/') + 1);
        if (model.startsWith("qwen3") && !model.contains("coder")) {
            return Optional.of("qwen3");
        }
        if (model.contains("deepseek-r1") || model.startsWith("qwq")) {
            return Optional.of("deepseek_r1");
        }
        return Optional.empty();
    }

    /** The parser an engine should run: one given in {@code engineArgs} ({@code --reasoning-parser=X} or two tokens), else the family's. */
    public static Optional<String> forService(String repository, List<String> engineArgs) {
        for (int i = 0; i < engineArgs.size(); i++) {
            String arg = engineArgs.get(i);
            if (arg.startsWith(FLAG + "=")) {
                return Optional.of(arg.substring(FLAG.length() + 1));
            }
            if (arg.equals(FLAG) && i + 1 < engineArgs.size()) {
                return Optional.of(engineArgs.get(i + 1));
            }
        }
        return of(repository);
    }
}
