package dev.sovereign.router.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Finds PII in one text: the structured rules, then the learned name/place tagger when one is
 * given. Overlapping matches resolve to the higher-priority rule; results are sorted by start.
 */
public final class PiiDetector {

    private final List<PatternRule> rules;
    private final EntityTagger tagger;

    public PiiDetector(EntityTagger tagger) {
        this(StructuredPii.rules(), tagger);
    }

    PiiDetector(List<PatternRule> rules, EntityTagger tagger) {
        this.rules = rules;
        this.tagger = tagger;
    }

    public static PiiDetector structuredOnly() {
        return new PiiDetector(null);
    }

    /** The entities of {@code original}; spans index {@code original}. */
    public List<PiiEntity> detect(String original) {
        String text = EscapedBreaks.asSpaces(original);
        List<PiiEntity> found = new ArrayList<>();
        // each anchor's positions are found once per text: several rules share one
        Map<PatternRule.Anchor, int[]> anchors = new IdentityHashMap<>();
        for (PatternRule rule : rules) {
            if (!rule.mayMatch(text)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            if (rule.anchor() == null) {
                collect(rule, m, text, found);
                continue;
            }
            int[] at = anchors.computeIfAbsent(rule.anchor(), a -> a.positions(text));
            // Regions around the anchors, merged; every match lies within reach of an anchor, and
            // each rule ends in a look-ahead that refuses to stop inside a word, so a match cut by a
            // region's end cannot be found where the whole text has a longer one.
            int regionEnd = 0;
            for (int k = 0; k < at.length; ) {
                int from = Math.max(regionEnd, at[k] - rule.reach());
                int to = Math.min(text.length(), at[k] + rule.reach() + 1);
                // every anchor whose reach touches the region widens it, those inside it included
                for (k++; k < at.length && at[k] - rule.reach() <= to; k++) {
                    to = Math.min(text.length(), Math.max(to, at[k] + rule.reach() + 1));
                }
                m.region(from, to);
                collect(rule, m, text, found);
                regionEnd = to;
            }
        }
        if (tagger != null) {
            for (PiiEntity e : tagger.tag(text)) {
                if (found.stream().noneMatch(e::overlaps)) {
                    found.add(e);
                }
            }
        }
        found.sort(Comparator.comparingInt(PiiEntity::start));
        return found;
    }

    private static void collect(PatternRule rule, Matcher m, String text, List<PiiEntity> found) {
        while (m.find()) {
            int start = m.start(rule.group());
            int end = m.end(rule.group());
            PiiEntity e = new PiiEntity(rule.type(), start, end, rule.score());
            if (found.stream().noneMatch(e::overlaps) && rule.valid().test(text, start, end)) {
                found.add(e);
            } else if (rule.rescue() != null) {
                // refused, or reaching into an entity found before ("415-555-0132 192.168.1.20"
                // matched as one phone candidate): the entities inside it may still stand alone
                rescue(rule, text, start, end, found);
            }
        }
    }

    /**
     * What the rule's rescue finds inside [start, end), then inside what is left on either side of
     * it, so two phones written one after the other ("415-555-0132 415-555-0199") are both found;
     * a span an earlier entity overlaps is not added.
     */
    private static void rescue(PatternRule rule, String text, int start, int end, List<PiiEntity> found) {
        int[] inner = rule.rescue().inside(text, start, end);
        if (inner == null) {
            return;
        }
        PiiEntity rescued = new PiiEntity(rule.type(), inner[0], inner[1], rule.score());
        if (found.stream().noneMatch(rescued::overlaps)) {
            found.add(rescued);
        }
        rescue(rule, text, start, inner[0], found);
        rescue(rule, text, inner[1], end, found);
    }

    /** Each entity replaced by {@code <TYPE>}, so the model still sees that something was there. */
    public static String redact(String text, List<PiiEntity> entities) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (PiiEntity e : entities) {
            if (e.start() < at) {
                continue;
            }
            out.append(text, at, e.start()).append('<').append(e.type().name()).append('>');
            at = e.end();
        }
        return out.append(text, at, text.length()).toString();
    }
}
