package dev.sovereign.engine.constraint;

/**
 * Reads an array after its '['. The item count is kept only as far as minItems/maxItems need it, so arrays without
 * bounds do not make a new state (and a new mask) per item.
 */
record ArrayFrame(ValueShape.ArrayShape shape, Phase phase, int count, int spaces) implements Frame {

    enum Phase { OPENED, AFTER_ITEM, NEED_ITEM }

    static ArrayFrame opened(ValueShape.ArrayShape shape) {
        return new ArrayFrame(shape, Phase.OPENED, 0, 0);
    }

    @Override
    public Move step(int b) {
        return switch (phase) {
            case OPENED -> {
                if (b == ']' && shape.minItems == 0) {
                    yield Move.CLOSED;
                }
                if (b == ' ' && spaces < MAX_SPACES) {
                    yield Move.to(new ArrayFrame(shape, phase, count, spaces + 1));
                }
                yield shape.maxItems == 0 ? Move.REJECTED : item(b);
            }
            case NEED_ITEM -> item(b);
            case AFTER_ITEM -> {
                if (b == ' ' && spaces < MAX_SPACES) {
                    yield Move.to(new ArrayFrame(shape, phase, count, spaces + 1));
                }
                if (b == ']' && count >= shape.minItems) {
                    yield Move.CLOSED;
                }
                yield b == ',' && (shape.maxItems < 0 || count < shape.maxItems)
                        ? Move.to(new ArrayFrame(shape, Phase.NEED_ITEM, count, 0)) : Move.REJECTED;
            }
        };
    }

    private Move item(int b) {
        int cap = Math.max(shape.minItems, shape.maxItems);
        ArrayFrame after = new ArrayFrame(shape, Phase.AFTER_ITEM, Math.min(count + 1, cap), 0);
        return Move.delegate(after, new ValueFrame(shape.items, phase == Phase.OPENED ? spaces : 0));
    }

    @Override
    public boolean canEnd() {
        return false;
    }
}
