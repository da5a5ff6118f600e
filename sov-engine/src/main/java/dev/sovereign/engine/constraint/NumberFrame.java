package dev.sovereign.engine.constraint;

/**
 * Reads a JSON number (an integer when the shape says so) after its first byte. Digit runs are capped so a model
 * cannot write a number forever and every integer fits a 64-bit value.
 */
record NumberFrame(boolean integer, Phase phase, int digits) implements Frame {

    static final int MAX_INTEGER_DIGITS = 15;
    static final int MAX_FRACTION_DIGITS = 6;
    static final int MAX_EXPONENT_DIGITS = 3;

    enum Phase { MINUS, ZERO, INT, DOT, FRACTION, E, EXPONENT_SIGN, EXPONENT }

    static Move first(boolean integer, int b) {
        if (b == '-') {
            return Move.to(new NumberFrame(integer, Phase.MINUS, 0));
        }
        return Frame.isDigit(b) ? Move.to(new NumberFrame(integer, b == '0' ? Phase.ZERO : Phase.INT, 1)) : Move.REJECTED;
    }

    @Override
    public Move step(int b) {
        boolean digit = Frame.isDigit(b);
        return switch (phase) {
            case MINUS -> digit ? Move.to(at(b == '0' ? Phase.ZERO : Phase.INT, 1)) : Move.REJECTED;
            case ZERO -> fractionOrExponent(b);
            case INT -> digit && digits < MAX_INTEGER_DIGITS ? Move.to(at(Phase.INT, digits + 1)) : fractionOrExponent(b);
            case DOT -> digit ? Move.to(at(Phase.FRACTION, 1)) : Move.REJECTED;
            case FRACTION -> digit && digits < MAX_FRACTION_DIGITS ? Move.to(at(Phase.FRACTION, digits + 1))
                    : b == 'e' || b == 'E' ? Move.to(at(Phase.E, 0)) : Move.POPPED;
            case E -> b == '+' || b == '-' ? Move.to(at(Phase.EXPONENT_SIGN, 0))
                    : digit ? Move.to(at(Phase.EXPONENT, 1)) : Move.REJECTED;
            case EXPONENT_SIGN -> digit ? Move.to(at(Phase.EXPONENT, 1)) : Move.REJECTED;
            case EXPONENT -> digit && digits < MAX_EXPONENT_DIGITS ? Move.to(at(Phase.EXPONENT, digits + 1)) : Move.POPPED;
        };
    }

    private Move fractionOrExponent(int b) {
        if (!integer && b == '.') {
            return Move.to(at(Phase.DOT, 0));
        }
        if (!integer && (b == 'e' || b == 'E')) {
            return Move.to(at(Phase.E, 0));
        }
        return Move.POPPED;
    }

    private NumberFrame at(Phase to, int count) {
        return new NumberFrame(integer, to, count);
    }

    @Override
    public boolean canEnd() {
        return phase == Phase.ZERO || phase == Phase.INT || phase == Phase.FRACTION || phase == Phase.EXPONENT;
    }
}
