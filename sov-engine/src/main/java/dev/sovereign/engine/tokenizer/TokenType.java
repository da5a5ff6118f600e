package dev.sovereign.engine.tokenizer;

/** GGUF's token types (tokenizer.ggml.token_type), which also decide how a token is matched and rendered. */
public enum TokenType {
    UNDEFINED, NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE;

    public static TokenType fromGguf(int code) {
        return code >= 0 && code < values().length ? values()[code] : UNDEFINED;
    }

    public int ggufCode() {
        return ordinal();
    }

    /** Tokens cut out of the text before the tokenizer runs (llama.cpp's special-token cache). */
    boolean isMatchedVerbatim() {
        return this == CONTROL || this == USER_DEFINED || this == UNKNOWN;
    }

    /** Matched only when the caller asks for special-token parsing; user-defined tokens always are. */
    boolean needsParseSpecial() {
        return this == CONTROL || this == UNKNOWN;
    }
}
