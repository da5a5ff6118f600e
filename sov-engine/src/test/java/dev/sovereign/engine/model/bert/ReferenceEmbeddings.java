package dev.sovereign.engine.model.bert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/** The committed output of tools/reference-embeddings/reference_embeddings.py (see its docstring for the command). */
final class ReferenceEmbeddings {

    static final String RESOURCE = "/reference-embeddings/bert-tiny.json";

    private ReferenceEmbeddings() {
    }

    static JsonNode fixture() throws IOException {
        try (InputStream in = ReferenceEmbeddings.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("reference fixture " + RESOURCE).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
