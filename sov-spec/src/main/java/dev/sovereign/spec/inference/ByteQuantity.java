package dev.sovereign.spec.inference;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes-style byte quantity, as memory is written in a Pod spec: a whole number followed by a binary
 * ({@code Ki Mi Gi Ti}) or decimal ({@code k M G T}) suffix, or none for bytes.
 */
public final class ByteQuantity {

    /** What the schema accepts; {@link #parse} reads exactly this. */
    public static final String PATTERN = "[0-9]+(Ki|Mi|Gi|Ti|k|M|G|T)?";
    private static final Pattern FORM = Pattern.compile("([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?");

    private ByteQuantity() {
    }

    public static long parse(String quantity) {
        Matcher m = FORM.matcher(quantity);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + quantity + "' is not a byte quantity such as 512Mi or 2Gi");
        }
        long unit = switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + quantity + "' is too large");
        }
    }
}
