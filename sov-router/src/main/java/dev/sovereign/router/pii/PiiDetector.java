package dev.sovereign.router.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Finds PII in one text: the structured rules, then the learned name/place tagger when one is
 * given. Overlapping matches resolve to the higher-priority rule; results are sorted by start.
 */
public final class PiiDetector {

    private final List<PatternRule> rules = StructuredPii.rules();
    private final EntityTagger tagger;

    public PiiDetector(EntityTagger tagger) {
        this.tagger = tagger;
    }

    public static PiiDetector structuredOnly() {
        return new PiiDetector(null);
    }

    public List<PiiEntity> detect(String text) {
        List<PiiEntity> found = new ArrayList<>();
        for (PatternRule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                int start = m.start(rule.group());
                int end = m.end(rule.group());
                PiiEntity e = new PiiEntity(rule.type(), start, end, rule.score());
                if (found.stream().noneMatch(e::overlaps) && rule.valid().test(text, start, end)) {
                    found.add(e);
                }
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
