package dev.sovereign.engine.constraint;

/** A value of {@code shape} is expected next (after at most one space); its first byte decides which frame reads it. */
record ValueFrame(ValueShape shape, int spaces) implements Frame {

    @Override
    public Move step(int b) {
        if (b == ' ' && spaces < MAX_SPACES) {
            return Move.to(new ValueFrame(shape, spaces + 1));
        }
        return begin(shape, b);
    }

    @Override
    public boolean canEnd() {
        return false;
    }

    static Move begin(ValueShape shape, int b) {
        return switch (shape) {
            case ValueShape.Any any -> switch (b) {
                case '{' -> Move.to(ObjectFrame.opened(ValueShape.ObjectShape.ANY));
                case '[' -> Move.to(ArrayFrame.opened(ValueShape.ArrayShape.ANY));
                case '"' -> Move.to(StringFrame.opened(ValueShape.StringShape.ANY));
                case 't', 'f', 'n' -> LiteralFrame.first(ValueShape.Literals.TRUE_FALSE_NULL, b);
                default -> NumberFrame.first(false, b);
            };
            case ValueShape.ObjectShape object -> b == '{' ? Move.to(ObjectFrame.opened(object)) : Move.REJECTED;
            case ValueShape.ArrayShape array -> b == '[' ? Move.to(ArrayFrame.opened(array)) : Move.REJECTED;
            case ValueShape.StringShape string -> b == '"' ? Move.to(StringFrame.opened(string)) : Move.REJECTED;
            case ValueShape.NumberShape number -> NumberFrame.first(number.integer, b);
            case ValueShape.Literals literals -> LiteralFrame.first(literals, b);
            case ValueShape.Union union -> {
                for (ValueShape alternative : union.alternatives) {
                    Move move = begin(alternative, b);
                    if (move.kind() != Move.Kind.REJECT) {
                        yield move;
                    }
                }
                yield Move.REJECTED;
            }
        };
    }
}
