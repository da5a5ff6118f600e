package dev.sovereign.engine.tokenizer;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.nio.file.Path;

/** llama.cpp (through de.kherud's JNI binding) loaded on a GGUF, used as the reference tokenizer. */
final class LlamaCppOracle implements AutoCloseable {
    private final LlamaModel model;

    LlamaCppOracle(Path gguf) {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { }); // keep llama.cpp's load log out of test output
        this.model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setCtxSize(256).setThreads(1));
    }

    /** llama.cpp's tokenization as the binding exposes it: no BOS/EOS added, special tokens parsed. */
    int[] encode(String text) {
        return model.encode(text);
    }

    String decode(int[] tokens) {
        return model.decode(tokens);
    }

    @Override
    public void close() {
        model.close();
    }
}
