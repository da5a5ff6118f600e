package dev.sovereign.eval.assertion;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Penn Treebank word tokenization (the tokenizer ROUGE implementations use, js-rouge's included):
 * punctuation, brackets and quotes become tokens, clitics split off ({@code don't} to {@code do n't}).
 */
final class TreebankTokenizer {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u0085]+");
    private static final String[][] SPLITS = {
            {"(?i)\\b(can)(not)\\b", " $1 $2 "}, {"(?i)\\b(d)('ye)\\b", " $1 $2 "}, {"(?i)\\b(gim)(me)\\b", " $1 $2 "},
            {"(?i)\\b(gon)(na)\\b", " $1 $2 "}, {"(?i)\\b(got)(ta)\\b", " $1 $2 "}, {"(?i)\\b(lem)(me)\\b", " $1 $2 "},
            {"(?i)\\b(more)('n)\\b", " $1 $2 "}, {"(?i)\\b(wan)(na)(?= )", " $1 $2 "}, {"(?i)('t)(is)\\b", " $1 $2 "},
            {"(?i)('t)(was)\\b", " $1 $2 "}};

    private TreebankTokenizer() {
    }

    static List<String> tokenize(String text) {
        String t = SPACES.matcher(text).replaceAll(" ").strip();
        if (t.isEmpty()) {
            return List.of();
        }
        t = quotes(t);
        t = t.replace("...", " ... ")
                .replaceAll("[:,](?!\\p{Nd})", " $0 ")
                .replaceAll("[;@#$%&]", " $0 ")
                .replaceAll("([^.])(?<!\\b[A-Za-z]\\.[A-Za-z])(\\.)([\\])}>'\\s]*)$", "$1 $2$3 ")
                .replaceAll("[?!]", " $0 ")
                .replaceAll("[\\]\\[(){}<>]", " $0 ")
                .replace("--", " -- ");
        t = " " + t + " ";
        t = t.replaceAll("([^'])' ", "$1 ' ")
                .replaceAll("'([sSmMdD]) ", " '$1 ")
                .replaceAll("('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", " $1 ");
        for (String[] split : SPLITS) {
            t = t.replaceAll(split[0], split[1]);
        }
        t = t.replaceAll(" {2,}", " ").strip();
        return Arrays.asList(t.split(" "));
    }

    /** An opening double quote becomes {@code ``}, a closing one {@code ''}. */
    private static String quotes(String t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') {
                boolean opening = i == 0 || Character.isWhitespace(t.charAt(i - 1)) || "([{<".indexOf(t.charAt(i - 1)) >= 0;
                out.append(opening ? " `` " : " '' ");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
