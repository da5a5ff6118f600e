package dev.sovereign.engine.model;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.Tensor;
import dev.sovereign.engine.format.safetensors.SafetensorsDirectory;
import dev.sovereign.engine.kernel.Quantizer;
import dev.sovereign.engine.kernel.WeightMatrix;
import dev.sovereign.engine.template.ChatTemplate;
import dev.sovereign.engine.tokenizer.Tokenizers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.function.Function;

/** Loads a Hugging Face safetensors folder, optionally quantizing its matrices to Q8_0 as they load. */
final class HfModelLoader {

    private HfModelLoader() {
    }

    static LoadedModel load(Path dir, boolean quantizeQ8) {
        SafetensorsDirectory source = SafetensorsDirectory.open(dir);
        Architecture architecture = Architectures.forHf(source.config(), String.valueOf(dir.getFileName()));
        ModelConfig config = architecture.fromHf(source.config(), source);
        Function<Tensor, WeightMatrix> matrices = quantizeQ8 ? HfModelLoader::toQ8_0 : WeightMatrix::of;
        ModelWeights weights = ModelWeights.load(config, source, matrices);
        return new LoadedModel(String.valueOf(dir.getFileName()), config, weights,
                () -> Tokenizers.fromHuggingFaceDirectory(dir), () -> ChatTemplate.fromHuggingFaceDirectory(dir));
    }

    private static WeightMatrix toQ8_0(Tensor t) {
        WeightMatrix original = WeightMatrix.of(t);
        if (t.columns() % 32 != 0) {
            return original;
        }
        float[] row = new float[t.columns()];
        long rowBytes = DType.Q8_0.bytesFor(t.columns());
        MemorySegment out = Arena.ofAuto().allocate(rowBytes * t.rows(), 64);
        try (var decode = new dev.sovereign.engine.kernel.VectorKernels(1)) {
            for (int r = 0; r < t.rows(); r++) {
                decode.embedding(original, r, row, 0);
                Quantizer.toQ8_0(row, 0, row.length, out, r * rowBytes);
            }
        }
        return new WeightMatrix(t.name(), DType.Q8_0, t.rows(), t.columns(), out);
    }
}
