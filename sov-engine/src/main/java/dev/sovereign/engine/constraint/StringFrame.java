package dev.sovereign.engine.constraint;

/**
 * Reads a string after its opening quote: escapes, well-formed UTF-8 (lead byte then continuation bytes), no raw
 * control characters. Characters are counted only as far as minLength/maxLength need.
 *
 * @param continuation UTF-8 continuation bytes still expected
 * @param escape       0 outside an escape, 1 after a backslash, 2-5 inside \\uXXXX (hex digits read + 2)
 */
record StringFrame(ValueShape.StringShape shape, int count, int continuation, int escape) implements Frame {

    static StringFrame opened(ValueShape.StringShape shape) {
        return new StringFrame(shape, 0, 0, 0);
    }

    @Override
    public Move step(int b) {
        if (continuation > 0) {
            return b >= 0x80 && b <= 0xbf ? Move.to(new StringFrame(shape, count, continuation - 1, 0)) : Move.REJECTED;
        }
        if (escape == 1) {
            if ("\"\\/bfnrt".indexOf(b) >= 0) {
                return Move.to(counted(0));
            }
            return b == 'u' ? Move.to(new StringFrame(shape, count, 0, 2)) : Move.REJECTED;
        }
        if (escape >= 2) {
            if (!isHex(b)) {
                return Move.REJECTED;
            }
            return Move.to(escape == 5 ? counted(0) : new StringFrame(shape, count, 0, escape + 1));
        }
        if (b == '"') {
            return count >= shape.minLength ? Move.CLOSED : Move.REJECTED;
        }
        boolean full = shape.maxLength >= 0 && count >= shape.maxLength;
        if (full || b < 0x20) {
            return Move.REJECTED;
        }
        if (b == '\\') {
            return Move.to(new StringFrame(shape, count, 0, 1));
        }
        if (b < 0x80) {
            return Move.to(counted(0));
        }
        if (b >= 0xc2 && b <= 0xdf) {
            return Move.to(counted(1));
        }
        if (b >= 0xe0 && b <= 0xef) {
            return Move.to(counted(2));
        }
        return b >= 0xf0 && b <= 0xf4 ? Move.to(counted(3)) : Move.REJECTED;
    }

    private StringFrame counted(int continuationBytes) {
        int cap = Math.max(shape.minLength, shape.maxLength);
        return new StringFrame(shape, Math.min(count + 1, cap), continuationBytes, 0);
    }

    private static boolean isHex(int b) {
        return Frame.isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    @Override
    public boolean canEnd() {
        return false;
    }
}
