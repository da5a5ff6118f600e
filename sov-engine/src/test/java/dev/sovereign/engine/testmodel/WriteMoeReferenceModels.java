package dev.sovereign.engine.testmodel;

import dev.sovereign.engine.format.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the mixture-of-experts safetensors test models and the reference prompt, for
 * tools/reference-logits/reference_logits.py (as {@link WriteReferenceModels} does for the dense ones):
 * <pre>
 * java ... dev.sovereign.engine.testmodel.WriteMoeReferenceModels DIR
 * python3 tools/reference-logits/reference_logits.py DIR OUT
 * </pre>
 */
public final class WriteMoeReferenceModels {

    private WriteMoeReferenceModels() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "tools/reference-logits/models");
        Files.createDirectories(dir);
        for (MoeTestModelSpec spec : MoeTestModels.ALL) {
            System.out.println(MoeTestModels.writeHf(spec, dir, DType.F32));
        }
        Files.writeString(dir.resolve("prompt.json"), "{\"ids\": " + Arrays.toString(WriteReferenceModels.PROMPT)
                + "}\n");
    }
}
