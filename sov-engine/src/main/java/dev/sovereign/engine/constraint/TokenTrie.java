package dev.sovereign.engine.constraint;

import dev.sovereign.engine.tokenizer.TokenType;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The vocabulary's tokens by their bytes, as a trie: walking it with the matcher visits each shared prefix once and
 * drops a whole subtree at the first byte the grammar refuses, instead of matching every token from scratch.
 * Ordinary and byte tokens are in the trie; added tokens (such as {@code </tool_call>}) are kept apart as verbatim
 * tokens, allowed only outside the JSON value, so a string value can never contain one.
 */
final class TokenTrie {

    /** One node: edges by byte, ascending, and the tokens whose bytes end here. */
    static final class Node {
        final int[] edgeBytes;
        final Node[] children;
        final int[] tokens;

        Node(int[] edgeBytes, Node[] children, int[] tokens) {
            this.edgeBytes = edgeBytes;
            this.children = children;
            this.tokens = tokens;
        }
    }

    final Node root;
    final int[] verbatimTokens;
    final byte[][] verbatimBytes;
    final int vocabularySize;
    private final byte[][] bytesById;

    private TokenTrie(Node root, int[] verbatimTokens, byte[][] verbatimBytes, byte[][] bytesById) {
        this.root = root;
        this.verbatimTokens = verbatimTokens;
        this.verbatimBytes = verbatimBytes;
        this.bytesById = bytesById;
        this.vocabularySize = bytesById.length;
    }

    byte[] bytesOf(int token) {
        return bytesById[token];
    }

    static TokenTrie of(Tokenizer tokenizer) {
        Building root = new Building();
        List<Integer> verbatim = new ArrayList<>();
        List<byte[]> verbatimBytes = new ArrayList<>();
        byte[][] bytesById = new byte[tokenizer.vocabularySize()][];
        for (int id = 0; id < tokenizer.vocabularySize(); id++) {
            TokenType type = tokenizer.tokenType(id);
            byte[] bytes = tokenizer.tokenBytes(id);
            bytesById[id] = bytes;
            if (bytes.length == 0) {
                continue;
            }
            if (type == TokenType.NORMAL || type == TokenType.BYTE) {
                root.add(bytes, 0, id);
            } else if (type == TokenType.USER_DEFINED) {
                verbatim.add(id);
                verbatimBytes.add(bytes);
            }
        }
        return new TokenTrie(root.freeze(), verbatim.stream().mapToInt(Integer::intValue).toArray(),
                verbatimBytes.toArray(byte[][]::new), bytesById);
    }

    private static final class Building {
        final TreeMap<Integer, Building> children = new TreeMap<>();
        final List<Integer> tokens = new ArrayList<>();

        void add(byte[] bytes, int at, int token) {
            if (at == bytes.length) {
                tokens.add(token);
                return;
            }
            children.computeIfAbsent(bytes[at] & 0xff, b -> new Building()).add(bytes, at + 1, token);
        }

        Node freeze() {
            int[] edges = children.keySet().stream().mapToInt(Integer::intValue).toArray();
            Node[] nodes = children.values().stream().map(Building::freeze).toArray(Node[]::new);
            return new Node(edges, nodes, tokens.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
