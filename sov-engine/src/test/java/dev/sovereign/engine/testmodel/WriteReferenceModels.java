package dev.sovereign.engine.testmodel;

import dev.sovereign.engine.format.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the safetensors test models and the prompt that tools/reference-logits/reference_logits.py feeds to HF
 * transformers. The weights come from fixed seeds, so the test suite regenerates exactly these files.
 */
public final class WriteReferenceModels {

    public static final List<TestModelSpec> MODELS = List.of(TestModels.LLAMA3, TestModels.QWEN2, TestModels.QWEN3,
            TestModels.MISTRAL);
    public static final int[] PROMPT = {72, 101, 300, 415, 270, 33, 490, 312, 5, 77, 150, 260, 199, 42, 350, 401};

    private WriteReferenceModels() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "tools/reference-logits/models");
        Files.createDirectories(dir);
        for (TestModelSpec spec : MODELS) {
            System.out.println(TestModels.writeHf(spec, dir, DType.F32));
        }
        Files.writeString(dir.resolve("prompt.json"), "{\"ids\": " + Arrays.toString(PROMPT) + "}\n");
    }
}
