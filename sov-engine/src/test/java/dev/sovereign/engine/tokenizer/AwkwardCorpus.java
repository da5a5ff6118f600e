package dev.sovereign.engine.tokenizer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Test texts that break naive tokenizers: unicode, CJK, emoji with ZWJ, whitespace runs, code, look-alikes. */
final class AwkwardCorpus {
    private AwkwardCorpus() {
    }

    static List<String> texts() {
        try (InputStream in = AwkwardCorpus.class.getResourceAsStream("/tokenizer/awkward-corpus.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
