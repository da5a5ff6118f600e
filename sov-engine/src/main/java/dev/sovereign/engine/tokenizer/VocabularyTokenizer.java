package dev.sovereign.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The one {@link Tokenizer} implementation: special-token split, then the fragment encoder of its family. */
final class VocabularyTokenizer implements Tokenizer {

    /** BOS/EOS ids and whether encode(addSpecial) adds them; end-of-generation ids. */
    record SpecialIds(int bos, int eos, boolean addBos, boolean addEos, Set<Integer> endOfGeneration) {
    }

    private final Vocabulary vocab;
    private final FragmentEncoder encoder;
    private final SpecialTokenSplitter splitter;
    private final SpecialIds special;
    private final byte[][] pieces;

    VocabularyTokenizer(Vocabulary vocab, FragmentEncoder encoder, SpecialIds special) {
        this.vocab = vocab;
        this.encoder = encoder;
        this.special = special;
        this.splitter = new SpecialTokenSplitter(vocab);
        this.pieces = new byte[vocab.size()][];
        for (int id = 0; id < vocab.size(); id++) {
            pieces[id] = switch (vocab.type(id)) {
                case CONTROL, UNKNOWN, USER_DEFINED -> encoder.addedPiece(vocab.text(id));
                case NORMAL, BYTE -> encoder.normalPiece(id);
                case UNUSED, UNDEFINED -> new byte[0];
            };
        }
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        if (text == null) {
            throw new IllegalArgumentException("text to tokenize is null");
        }
        List<Integer> out = new ArrayList<>();
        if (addSpecial && special.addBos() && special.bos() >= 0) {
            out.add(special.bos());
        }
        boolean afterSpecial = true;
        boolean atStart = true;
        for (SpecialTokenSplitter.Fragment fragment : splitter.split(text, parseSpecial)) {
            if (fragment.isText()) {
                encoder.encode(fragment.text(), atStart, afterSpecial, out);
                afterSpecial = false;
            } else {
                out.add(fragment.token());
                afterSpecial = true;
            }
            atStart = false;
        }
        if (addSpecial && special.addEos() && special.eos() >= 0) {
            out.add(special.eos());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String decode(int[] tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < tokens.length; i++) {
            byte[] piece = piece(tokens[i]);
            int skip = i == 0 ? leadingSpaceToStrip(piece) : 0;
            bytes.write(piece, skip, piece.length - skip);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    int leadingSpaceToStrip(byte[] piece) {
        return encoder.stripsLeadingSpace() && piece.length > 0 && piece[0] == ' ' ? 1 : 0;
    }

    byte[] piece(int token) {
        if (!vocab.contains(token)) {
            throw new TokenizerException("token id " + token + " is outside the vocabulary (size "
                    + vocab.size() + ")");
        }
        return pieces[token];
    }

    @Override
    public IncrementalDecoder incrementalDecoder() {
        return new StreamingDecoder(this, true);
    }

    @Override
    public IncrementalDecoder continuationDecoder() {
        return new StreamingDecoder(this, false);
    }

    @Override
    public int vocabularySize() {
        return vocab.size();
    }

    @Override
    public int bosToken() {
        return special.bos();
    }

    @Override
    public int eosToken() {
        return special.eos();
    }

    @Override
    public Set<Integer> endOfGenerationTokens() {
        return special.endOfGeneration();
    }

    @Override
    public String tokenText(int id) {
        if (!vocab.contains(id)) {
            throw new TokenizerException("token id " + id + " is outside the vocabulary (size " + vocab.size() + ")");
        }
        return vocab.text(id);
    }

    @Override
    public byte[] tokenBytes(int id) {
        return piece(id).clone();
    }

    @Override
    public TokenType tokenType(int id) {
        if (!vocab.contains(id)) {
            throw new TokenizerException("token id " + id + " is outside the vocabulary (size " + vocab.size() + ")");
        }
        return vocab.type(id);
    }
}
