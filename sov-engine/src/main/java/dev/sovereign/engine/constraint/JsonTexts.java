package dev.sovereign.engine.constraint;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one mapper the constraint package writes literal JSON texts with (compact, UTF-8). */
final class JsonTexts {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonTexts() {
    }
}
