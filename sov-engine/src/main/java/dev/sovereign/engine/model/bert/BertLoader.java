package dev.sovereign.engine.model.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.Tensor;
import dev.sovereign.engine.format.WeightSource;
import dev.sovereign.engine.format.gguf.GgufFile;
import dev.sovereign.engine.format.gguf.GgufWeights;
import dev.sovereign.engine.format.safetensors.SafetensorsFile;
import dev.sovereign.engine.tokenizer.WordPieceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a BERT-family encoder (MiniLM, BGE, E5): a sentence-transformers folder (config.json, model.safetensors,
 * tokenizer.json, modules.json with its Pooling and Normalize modules) or a GGUF file of llama.cpp's {@code bert}
 * architecture.
 */
public final class BertLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BertLoader() {
    }

    /** Whether {@code path} holds an encoder this loader reads (rather than a decoder for generation). */
    public static boolean isEncoder(Path path) {
        if (Files.isDirectory(path)) {
            Path config = path.resolve("config.json");
            if (!Files.isRegularFile(config)) {
                return false;
            }
            return "bert".equals(readJson(config).path("model_type").asText());
        }
        if (!Files.isRegularFile(path)) {
            return false;
        }
        return "bert".equals(String.valueOf(GgufFile.open(path).metadata().get("general.architecture")));
    }

    public static EncoderModel load(Path path) {
        return Files.isDirectory(path) ? loadFolder(path) : loadGguf(path);
    }

    static EncoderModel loadFolder(Path dir) {
        JsonNode c = readJson(dir.resolve("config.json"));
        String positions = c.path("position_embedding_type").asText("absolute");
        if (!positions.equals("absolute")) {
            throw new ModelFormatException(dir.getFileName() + ": position_embedding_type '" + positions
                    + "' is not supported (only absolute)");
        }
        String act = c.path("hidden_act").asText("gelu");
        boolean exact = switch (act) {
            case "gelu" -> true;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> false;
            default -> throw new ModelFormatException(dir.getFileName() + ": hidden_act '" + act + "' is not supported");
        };
        JsonNode pooling = poolingConfig(dir);
        Pooling mode = pooling != null && pooling.path("pooling_mode_cls_token").asBoolean(false) ? Pooling.CLS
                : Pooling.MEAN;
        if (pooling != null && (pooling.path("pooling_mode_max_tokens").asBoolean(false)
                || pooling.path("pooling_mode_mean_sqrt_len_tokens").asBoolean(false))) {
            throw new ModelFormatException(dir.getFileName() + ": only mean and CLS pooling are supported");
        }
        int positionsCount = c.path("max_position_embeddings").asInt();
        int maxTokens = positionsCount;
        Path st = dir.resolve("sentence_bert_config.json");
        if (Files.isRegularFile(st) && readJson(st).path("max_seq_length").canConvertToInt()) {
            maxTokens = Math.min(maxTokens, readJson(st).path("max_seq_length").asInt());
        }
        List<Integer> matryoshka = new ArrayList<>();
        c.path("matryoshka_dimensions").forEach(n -> matryoshka.add(n.asInt()));
        BertConfig config = new BertConfig(c.path("vocab_size").asInt(), c.path("hidden_size").asInt(),
                c.path("num_hidden_layers").asInt(), c.path("num_attention_heads").asInt(),
                c.path("intermediate_size").asInt(), positionsCount, c.path("type_vocab_size").asInt(2),
                (float) c.path("layer_norm_eps").asDouble(1e-12), exact, mode, normalizes(dir), maxTokens, matryoshka);
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new ModelFormatException("missing tokenizer.json in " + dir);
        }
        return new EncoderModel(String.valueOf(dir.getFileName()),
                new BertEncoder(config, BertWeights.load(config, safetensors(dir))),
                WordPieceTokenizer.fromTokenizerJson(tokenizer));
    }

    static EncoderModel loadGguf(Path file) {
        GgufFile gguf = GgufFile.open(file);
        Map<String, Object> meta = gguf.metadata();
        if (!"bert".equals(String.valueOf(meta.get("general.architecture")))) {
            throw new ModelFormatException(file.getFileName() + " is not a bert GGUF");
        }
        GgufWeights weights = new GgufWeights(gguf);
        int pooling = intKey(meta, "bert.pooling_type", 1);
        if (pooling != 1 && pooling != 2) {
            throw new ModelFormatException(file.getFileName() + ": bert.pooling_type " + pooling
                    + " is not supported (1 mean, 2 cls)");
        }
        Tensor tokens = weights.require("token_embd.weight");
        int positions = intKey(meta, "bert.context_length", 512);
        BertConfig config = new BertConfig(tokens.rows(), intKey(meta, "bert.embedding_length", 0),
                intKey(meta, "bert.block_count", 0), intKey(meta, "bert.attention.head_count", 0),
                intKey(meta, "bert.feed_forward_length", 0), positions,
                weights.require("token_types.weight").rows(),
                meta.get("bert.attention.layer_norm_epsilon") instanceof Number n ? n.floatValue() : 1e-12f,
                true, pooling == 2 ? Pooling.CLS : Pooling.MEAN, true, positions, List.of());
        @SuppressWarnings("unchecked")
        List<String> vocab = (List<String>) meta.get("tokenizer.ggml.tokens");
        if (vocab == null) {
            throw new ModelFormatException(file.getFileName() + " has no tokenizer.ggml.tokens");
        }
        int[] types = meta.get("tokenizer.ggml.token_type") instanceof int[] t ? t : null;
        return new EncoderModel(String.valueOf(file.getFileName()),
                new BertEncoder(config, BertWeights.load(config, weights)),
                WordPieceTokenizer.fromGgufTokens(vocab, types));
    }

    private static int intKey(Map<String, Object> meta, String key, int fallback) {
        return meta.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    /** The Pooling module's config.json, as modules.json places it; null when there is none. */
    private static JsonNode poolingConfig(Path dir) {
        return module(dir, ".Pooling").map(m -> dir.resolve(m.path("path").asText()).resolve("config.json"))
                .filter(Files::isRegularFile).map(BertLoader::readJson).orElse(null);
    }

    /** A Normalize module in modules.json; a folder without modules.json is normalised, as most encoders are used. */
    private static boolean normalizes(Path dir) {
        return !Files.isRegularFile(dir.resolve("modules.json")) || module(dir, ".Normalize").isPresent();
    }

    /** The sentence-transformers module of modules.json whose type ends with {@code typeSuffix}. */
    private static Optional<JsonNode> module(Path dir, String typeSuffix) {
        Path modules = dir.resolve("modules.json");
        if (!Files.isRegularFile(modules)) {
            return Optional.empty();
        }
        for (JsonNode m : readJson(modules)) {
            if (m.path("type").asText().endsWith(typeSuffix)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static WeightSource safetensors(Path dir) {
        Path file = dir.resolve("model.safetensors");
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("no model.safetensors in " + dir);
        }
        Map<String, Tensor> byName = new HashMap<>();
        SafetensorsFile.open(file).tensors().forEach((hf, tensor) -> {
            String name = BertTensorNames.toGguf(hf);
            if (name != null) {
                byName.put(name, tensor);
            }
        });
        return new WeightSource() {
            @Override
            public Optional<Tensor> find(String name) {
                return Optional.ofNullable(byName.get(name));
            }

            @Override
            public String description() {
                return "safetensors folder " + dir.getFileName();
            }
        };
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }
}
