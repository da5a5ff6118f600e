package dev.sovereign.engine.testmodel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.format.DType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes what tools/reference-embeddings/reference_embeddings.py feeds to HF transformers and tokenizers: the
 * bert-tiny folder, the token-id inputs (with token types) and the texts. Its output is the committed fixture
 * src/test/resources/reference-embeddings/bert-tiny.json. The weights and inputs come from fixed seeds, so the
 * test suite regenerates exactly these files.
 */
public final class WriteBertReference {

    private WriteBertReference() {
    }

    /** Id rows: [CLS] random pieces [SEP], one of them a pair whose second segment has token type 1. */
    public static List<int[][]> inputs() {
        SplittableRandom random = new SplittableRandom(7);
        int vocab = BertTestModel.vocabulary().size();
        List<int[][]> rows = new ArrayList<>();
        for (int length : new int[] {3, 9, 20, BertTestModel.POSITIONS}) {
            int[] ids = new int[length];
            int[] types = new int[length];
            ids[0] = 2;
            for (int i = 1; i < length - 1; i++) {
                ids[i] = 5 + random.nextInt(vocab - 5);
            }
            ids[length - 1] = 3;
            rows.add(new int[][] {ids, types});
        }
        int[] ids = {2, 70, 71, 72, 3, 80, 81, 82, 83, 3};
        int[] types = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        rows.add(new int[][] {ids, types});
        return rows;
    }

    /** The awkward-text corpus of the tokenizer tests plus a few sentences in the tiny vocabulary. */
    public static List<String> texts() throws IOException {
        List<String> texts = new ArrayList<>(List.of("The cat sat on the mat.", "Hello, WORLD! Embedding tokenizers",
                "unable naive café über 中文 [MASK] done", "  dogs ran\t\tunembedded  ", ""));
        try (InputStream in = WriteBertReference.class.getResourceAsStream("/tokenizer/awkward-corpus.json")) {
            texts.addAll(new ObjectMapper().readValue(in, new TypeReference<List<String>>() { }));
        }
        return texts;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        BertTestModel.writeHf(dir, DType.F32);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode inputs = root.putArray("inputs");
        for (int[][] row : inputs()) {
            ObjectNode node = inputs.addObject();
            ArrayNode ids = node.putArray("ids");
            for (int id : row[0]) {
                ids.add(id);
            }
            ArrayNode types = node.putArray("token_type_ids");
            for (int t : row[1]) {
                types.add(t);
            }
        }
        ArrayNode texts = root.putArray("texts");
        texts().forEach(texts::add);
        Files.writeString(dir.resolve("inputs.json"), root.toString());
        if (args.length > 1) {
            // a second tokenizer.json to check against HF: a real WordPiece vocabulary (all-MiniLM-L6-v2's)
            Path minilm = dir.resolve("minilm");
            Files.createDirectories(minilm);
            Files.copy(Path.of(args[1]), minilm.resolve("tokenizer.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
