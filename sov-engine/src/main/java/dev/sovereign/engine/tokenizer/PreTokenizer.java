package dev.sovereign.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words with one or more regexes, each applied to the pieces the previous one produced; both the
 * matches and the text between them are kept (Hugging Face's "Isolated" split behaviour, llama.cpp's
 * unicode_regex_split).
 */
final class PreTokenizer {
    static final String GPT2 =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    static final String LLAMA3 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    static final String QWEN2 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private final List<Pattern> patterns;

    private PreTokenizer(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static PreTokenizer of(List<String> regexes) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : regexes) {
            try {
                // Unicode \s (U+00A0, U+3000...) as in Rust's regex and llama.cpp's collapsed classes
                patterns.add(Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new TokenizerException("pre-tokenizer regex cannot be compiled: " + e.getDescription()
                        + " in " + regex);
            }
        }
        return new PreTokenizer(List.copyOf(patterns));
    }

    /** The regexes llama.cpp uses for a GGUF {@code tokenizer.ggml.pre} name. */
    static PreTokenizer forGgufName(String name) {
        return switch (name == null ? "default" : name) {
            case "gpt-2", "gpt2", "phi-2" -> of(List.of(GPT2));
            // llama.cpp's fallback: punctuation runs first, then GPT-2 words, then digit runs in threes
            case "default" -> of(List.of("[\\p{P}\\$\\+<=>\\^~\\|]+",
                    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)",
                    "\\p{N}+", "[0-9][0-9][0-9]"));
            case "llama3", "llama-v3", "llama-bpe", "falcon3" -> of(List.of(LLAMA3));
            case "qwen2", "deepseek-r1-qwen" -> of(List.of(QWEN2));
            default -> throw new TokenizerException("unsupported tokenizer.ggml.pre '" + name
                    + "' (supported: default, gpt-2, llama3/llama-bpe, qwen2)");
        };
    }

    List<String> split(String text) {
        List<String> pieces = List.of(text);
        for (Pattern pattern : patterns) {
            List<String> next = new ArrayList<>();
            for (String piece : pieces) {
                Matcher m = pattern.matcher(piece);
                int last = 0;
                while (m.find()) {
                    if (m.start() > last) {
                        next.add(piece.substring(last, m.start()));
                    }
                    if (m.end() > m.start()) {
                        next.add(m.group());
                    }
                    last = m.end();
                }
                if (last < piece.length()) {
                    next.add(piece.substring(last));
                }
            }
            pieces = next;
        }
        return pieces;
    }
}
