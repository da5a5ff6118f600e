package dev.sovereign.router.train;

import java.util.List;

/** The prompt length bands the jailbreak head is balanced and scored on (issue 17), in characters. */
public enum LengthBand {
    SHORT("≤ 200"), MEDIUM("200-1,000"), LONG("> 1,000");

    public static final List<LengthBand> ALL = List.of(values());
    private final String label;

    LengthBand(String label) {
        this.label = label;
    }

    public static LengthBand of(String text) {
        int n = text.length();
        return n <= 200 ? SHORT : n <= 1000 ? MEDIUM : LONG;
    }

    public String label() {
        return label;
    }
}
