package dev.sovereign.engine.constraint;

import dev.sovereign.engine.tokenizer.Tokenizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes token guides for one model's vocabulary. The token trie is built once, on first use; each grammar's
 * automaton (with its cache of masks) is kept for the next request with the same schema, up to
 * {@link #MAX_GRAMMARS} of them, least recently used dropped first.
 */
public final class Guides {

    static final int MAX_GRAMMARS = 64;

    private final Tokenizer tokenizer;
    private volatile TokenTrie trie;
    private final Map<String, TokenAutomaton> automata = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenAutomaton> eldest) {
            return size() > MAX_GRAMMARS;
        }
    };

    public Guides(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** A fresh guide at the start of {@code grammar}, for one sequence. */
    public TokenGuide guide(Grammar grammar) {
        TokenAutomaton automaton;
        synchronized (automata) {
            automaton = automata.computeIfAbsent(grammar.key(),
                    key -> new TokenAutomaton(grammar, trie(), tokenizer.endOfGenerationTokens()));
        }
        return new TokenGuide(automaton);
    }

    private TokenTrie trie() {
        TokenTrie built = trie;
        if (built == null) {
            built = TokenTrie.of(tokenizer);
            trie = built;
        }
        return built;
    }
}
