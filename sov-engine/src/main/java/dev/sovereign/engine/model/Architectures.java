package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The supported model families, looked up by the name a file gives them. */
public final class Architectures {

    private static final List<Architecture> ALL = List.of(new LlamaArchitecture(), new MistralArchitecture(),
            new Qwen2Architecture(), new Qwen3Architecture(), new Gemma3Architecture(), new Phi3Architecture(),
            new MixtralArchitecture(), new Qwen3MoeArchitecture());

    private Architectures() {
    }

    public static Architecture forGguf(Map<String, Object> metadata, String file) {
        Object name = metadata.get("general.architecture");
        if (name == null) {
            throw new ModelFormatException(file + " has no general.architecture metadata");
        }
        return ALL.stream().filter(a -> a.ggufNames().contains(name)).findFirst()
                .orElseThrow(() -> unsupported(String.valueOf(name), file, true));
    }

    public static Architecture forHf(Map<String, Object> config, String folder) {
        Object type = config.get("model_type");
        if (type == null) {
            throw new ModelFormatException(folder + "/config.json has no model_type");
        }
        return ALL.stream().filter(a -> a.hfModelTypes().contains(type)).findFirst()
                .orElseThrow(() -> unsupported(String.valueOf(type), folder, false));
    }

    private static ModelFormatException unsupported(String name, String where, boolean gguf) {
        TreeSet<String> supported = new TreeSet<>();
        ALL.forEach(a -> supported.addAll(gguf ? a.ggufNames() : a.hfModelTypes()));
        return new ModelFormatException("unsupported architecture '" + name + "' in " + where + " (supported: "
                + String.join(", ", supported) + ")");
    }
}
