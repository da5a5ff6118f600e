package dev.sovereign.engine.constraint;

/** Prefix ranges in a list of byte strings sorted as unsigned bytes. */
final class Prefixes {

    private Prefixes() {
    }

    /**
     * The sub-range of [lo, hi) (all sharing their first {@code matched} bytes) whose next byte is {@code b}, or
     * null when none has it.
     */
    static int[] narrow(byte[][] sorted, int lo, int hi, int matched, int b) {
        int from = -1;
        int to = -1;
        for (int i = lo; i < hi; i++) {
            byte[] option = sorted[i];
            if (option.length > matched && (option[matched] & 0xff) == b) {
                if (from < 0) {
                    from = i;
                }
                to = i + 1;
            } else if (from >= 0) {
                break;
            }
        }
        return from < 0 ? null : new int[] {from, to};
    }
}
