package dev.sovereign.engine.constraint;

/**
 * Reads an object after its '{'. Members come in the order of the shape's properties; optional ones may be skipped,
 * required ones may not, so the object can close only after the last required one. An open shape (no properties)
 * takes any string key with any value.
 *
 * @param key the bytes of the key read so far, opening quote included, one char per byte
 */
record ObjectFrame(ValueShape.ObjectShape shape, Phase phase, int next, int chosen, String key, int spaces)
        implements Frame {

    enum Phase { OPENED, KEY, COLON, AFTER_VALUE, NEED_KEY }

    static ObjectFrame opened(ValueShape.ObjectShape shape) {
        return new ObjectFrame(shape, Phase.OPENED, 0, -1, "", 0);
    }

    @Override
    public Move step(int b) {
        if (b == ' ' && spaces < MAX_SPACES && phase != Phase.KEY) {
            return Move.to(new ObjectFrame(shape, phase, next, chosen, key, spaces + 1));
        }
        return switch (phase) {
            case OPENED -> b == '}' && canClose() ? Move.CLOSED : b == '"' ? startKey() : Move.REJECTED;
            case NEED_KEY -> b == '"' ? startKey() : Move.REJECTED;
            case KEY -> keyByte(b);
            case COLON -> b == ':' ? Move.push(at(Phase.AFTER_VALUE, shape.open ? next : chosen + 1, -1, ""),
                    new ValueFrame(shape.open ? ValueShape.Any.INSTANCE : shape.values.get(chosen), 0)) : Move.REJECTED;
            case AFTER_VALUE -> {
                if (b == '}' && canClose()) {
                    yield Move.CLOSED;
                }
                yield b == ',' && (shape.open || next < shape.names.size()) ? Move.to(at(Phase.NEED_KEY, next, -1, ""))
                        : Move.REJECTED;
            }
        };
    }

    private Move startKey() {
        if (shape.open) {
            return Move.push(at(Phase.COLON, next, -1, ""), StringFrame.opened(ValueShape.StringShape.ANY));
        }
        return next < shape.names.size() ? Move.to(at(Phase.KEY, next, -1, "\"")) : Move.REJECTED;
    }

    /** A key must be one of the properties from {@code next} up to the first required one (inclusive). */
    private Move keyByte(int b) {
        String read = key + (char) b;
        int last = lastCandidate();
        boolean prefix = false;
        for (int i = next; i <= last; i++) {
            byte[] name = shape.quotedNames[i];
            if (startsWith(name, read)) {
                if (name.length == read.length()) {
                    return Move.to(at(Phase.COLON, next, i, ""));
                }
                prefix = true;
            }
        }
        return prefix ? Move.to(at(Phase.KEY, next, -1, read)) : Move.REJECTED;
    }

    private int lastCandidate() {
        for (int i = next; i < shape.required.length; i++) {
            if (shape.required[i]) {
                return i;
            }
        }
        return shape.names.size() - 1;
    }

    private static boolean startsWith(byte[] name, String read) {
        if (name.length < read.length()) {
            return false;
        }
        for (int i = 0; i < read.length(); i++) {
            if ((name[i] & 0xff) != read.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean canClose() {
        return shape.open || next > shape.lastRequired();
    }

    private ObjectFrame at(Phase to, int nextProperty, int chosenProperty, String keyRead) {
        return new ObjectFrame(shape, to, nextProperty, chosenProperty, keyRead, 0);
    }

    @Override
    public boolean canEnd() {
        return false;
    }
}
