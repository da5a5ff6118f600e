package dev.sovereign.router.pii;

/** One detected entity: its type and the [start, end) character span in the text it was found in. */
public record PiiEntity(PiiType type, int start, int end, double score) {

    public boolean overlaps(PiiEntity o) {
        return start < o.end && o.start < end;
    }
}
