package dev.sovereign.engine.format.safetensors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.Tensor;
import dev.sovereign.engine.format.WeightSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A Hugging Face model folder: config.json plus model.safetensors, or shards listed in model.safetensors.index.json.
 * Tensors are exposed under GGUF names.
 */
public final class SafetensorsDirectory implements WeightSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, Object> config;
    private final Map<String, Tensor> tensors;

    private SafetensorsDirectory(Path dir, Map<String, Object> config, Map<String, Tensor> tensors) {
        this.dir = dir;
        this.config = config;
        this.tensors = tensors;
    }

    public static SafetensorsDirectory open(Path dir) {
        Map<String, Object> config = readJson(dir.resolve("config.json"));
        Map<String, Tensor> byGgufName = new HashMap<>();
        String modelType = config.get("model_type") == null ? null : String.valueOf(config.get("model_type"));
        for (Path file : shards(dir)) {
            SafetensorsFile.open(file).tensors().forEach((hfName, tensor) -> {
                String name = HfTensorNames.toGguf(hfName, modelType);
                if (name != null) {
                    byGgufName.put(name, tensor);
                }
            });
        }
        return new SafetensorsDirectory(dir, config, byGgufName);
    }

    private static Iterable<Path> shards(Path dir) {
        Path index = dir.resolve("model.safetensors.index.json");
        if (Files.isRegularFile(index)) {
            Object weightMap = readJson(index).get("weight_map");
            if (!(weightMap instanceof Map<?, ?> map)) {
                throw new ModelFormatException(index + " has no weight_map");
            }
            TreeSet<Path> files = new TreeSet<>();
            map.values().forEach(f -> files.add(dir.resolve(String.valueOf(f))));
            return files;
        }
        Path single = dir.resolve("model.safetensors");
        if (!Files.isRegularFile(single)) {
            throw new ModelFormatException("no model.safetensors or model.safetensors.index.json in " + dir);
        }
        return java.util.List.of(single);
    }

    static Map<String, Object> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("missing " + file.getFileName() + " in " + file.getParent());
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new ModelFormatException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return dir;
    }

    /** config.json as a map. */
    public Map<String, Object> config() {
        return config;
    }

    /** generation_config.json as a map, or empty when the folder has none. */
    public Map<String, Object> generationConfig() {
        Path file = dir.resolve("generation_config.json");
        return Files.isRegularFile(file) ? readJson(file) : Map.of();
    }

    @Override
    public Optional<Tensor> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    @Override
    public String description() {
        return "safetensors folder " + dir.getFileName();
    }
}
