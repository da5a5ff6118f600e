package dev.sovereign.engine.constraint;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grammar lifted to tokens: for a matcher state, the set of vocabulary tokens whose bytes it accepts (found by
 * walking the token trie), computed the first time the state is met and cached, so a schema's common states (inside
 * a string, after a comma) cost one lookup per step. End-of-generation tokens are allowed only where the document is
 * complete.
 */
final class TokenAutomaton {

    /** Beyond this many distinct states the cache starts over (a bound on memory, not a correctness limit). */
    static final int MAX_CACHED_STATES = 4096;

    private final Grammar grammar;
    private final TokenTrie trie;
    private final int[] endTokens;
    private final Map<MatchState, long[]> masks = new ConcurrentHashMap<>();

    TokenAutomaton(Grammar grammar, TokenTrie trie, Set<Integer> endTokens) {
        this.grammar = grammar;
        this.trie = trie;
        this.endTokens = endTokens.stream().mapToInt(Integer::intValue).filter(t -> t >= 0 && t < trie.vocabularySize)
                .toArray();
    }

    MatchState start() {
        return grammar.start();
    }

    /** A bit per token id: set when the token may come next in {@code state}. */
    long[] allowed(MatchState state) {
        long[] mask = masks.get(state);
        if (mask == null) {
            mask = compute(state);
            if (masks.size() >= MAX_CACHED_STATES) {
                masks.clear();
            }
            masks.put(state, mask);
        }
        return mask;
    }

    /** The state after {@code token}, or null when the grammar does not allow it there. */
    MatchState advance(MatchState state, int token) {
        long[] mask = allowed(state);
        if (token < 0 || token >= trie.vocabularySize || (mask[token >>> 6] & (1L << token)) == 0) {
            return null;
        }
        if (isEnd(token)) {
            return state;
        }
        return state.advance(trie.bytesOf(token));
    }

    boolean isEnd(int token) {
        for (int end : endTokens) {
            if (end == token) {
                return true;
            }
        }
        return false;
    }

    /** Nothing but an end token can follow: the document is finished. */
    boolean onlyEnd(MatchState state) {
        if (!state.accepting()) {
            return false;
        }
        long[] mask = allowed(state);
        int count = 0;
        for (long word : mask) {
            count += Long.bitCount(word);
        }
        int ends = 0;
        for (int end : endTokens) {
            if ((mask[end >>> 6] & (1L << end)) != 0) {
                ends++;
            }
        }
        return count == ends;
    }

    private long[] compute(MatchState state) {
        long[] mask = new long[(trie.vocabularySize + 63) >>> 6];
        walk(trie.root, state, mask);
        if (state.afterDocument()) {
            for (int i = 0; i < trie.verbatimTokens.length; i++) {
                if (state.advance(trie.verbatimBytes[i]) != null) {
                    set(mask, trie.verbatimTokens[i]);
                }
            }
        }
        if (state.accepting()) {
            for (int end : endTokens) {
                set(mask, end);
            }
        }
        return mask;
    }

    private static void walk(TokenTrie.Node node, MatchState state, long[] mask) {
        for (int i = 0; i < node.edgeBytes.length; i++) {
            MatchState next = state.advance(node.edgeBytes[i]);
            if (next != null) {
                TokenTrie.Node child = node.children[i];
                for (int token : child.tokens) {
                    set(mask, token);
                }
                walk(child, next, mask);
            }
        }
    }

    private static void set(long[] mask, int token) {
        mask[token >>> 6] |= 1L << token;
    }
}
