package dev.sovereign.engine.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts special and user-defined tokens out of the text before tokenization, longest token text first, as
 * llama.cpp's tokenizer_st_partition and Hugging Face's added-token extraction do.
 */
final class SpecialTokenSplitter {

    /** Either a run of ordinary text ({@code token < 0}) or one special token. */
    record Fragment(String text, int token) {
        boolean isText() {
            return token < 0;
        }
    }

    private final Vocabulary vocab;
    private final int[] candidates;

    SpecialTokenSplitter(Vocabulary vocab) {
        this.vocab = vocab;
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < vocab.size(); id++) {
            if (vocab.type(id).isMatchedVerbatim()) {
                ids.add(id);
            }
        }
        ids.sort(Comparator.comparingInt((Integer id) -> vocab.text(id).length()).reversed());
        this.candidates = ids.stream().mapToInt(Integer::intValue).toArray();
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) {
            return fragments;
        }
        fragments.add(new Fragment(text, -1));
        for (int id : candidates) {
            if (!parseSpecial && vocab.type(id).needsParseSpecial()) {
                continue;
            }
            String special = vocab.text(id);
            List<Fragment> next = new ArrayList<>(fragments.size());
            for (Fragment fragment : fragments) {
                if (!fragment.isText() || !fragment.text().contains(special)) {
                    next.add(fragment);
                    continue;
                }
                String raw = fragment.text();
                int from = 0;
                int at;
                while ((at = raw.indexOf(special, from)) >= 0) {
                    if (at > from) {
                        next.add(new Fragment(raw.substring(from, at), -1));
                    }
                    next.add(new Fragment(special, id));
                    from = at + special.length();
                }
                if (from < raw.length()) {
                    next.add(new Fragment(raw.substring(from), -1));
                }
            }
            fragments = next;
        }
        return fragments;
    }
}
