package dev.sovereign.router.pii;

import java.util.List;

/** A learned tagger for entities no pattern can find (PERSON, LOCATION). */
public interface EntityTagger {
    List<PiiEntity> tag(String text);
}
