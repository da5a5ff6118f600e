package dev.sovereign.engine.constraint;

/**
 * The bottom of every stack: the document is complete; only the grammar's optional suffix (a closing
 * {@code </tool_call>}) may follow, whole or not at all.
 */
record EndFrame(byte[] suffix, int matched) implements Frame {

    @Override
    public Move step(int b) {
        return matched < suffix.length && (suffix[matched] & 0xff) == b ? Move.to(new EndFrame(suffix, matched + 1))
                : Move.REJECTED;
    }

    @Override
    public boolean canEnd() {
        return matched == 0 || matched == suffix.length;
    }
}
