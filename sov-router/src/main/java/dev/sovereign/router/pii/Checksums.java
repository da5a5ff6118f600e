package dev.sovereign.router.pii;

import java.math.BigInteger;

/** Check digits that turn "looks like a number" into "is a card / an IBAN". */
public final class Checksums {
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Checksums() {
    }

    /** Luhn (ISO/IEC 7812) over the digits of {@code s}, ignoring separators. */
    public static boolean luhn(CharSequence s) {
        int sum = 0;
        int count = 0;
        boolean doubleIt = false;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
            count++;
        }
        return count > 0 && sum % 10 == 0;
    }

    /** ISO 13616 mod-97 check of an IBAN, spaces ignored, any letter case. */
    public static boolean iban(CharSequence s) {
        StringBuilder compact = new StringBuilder(34);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '-') {
                compact.append(Character.toUpperCase(c));
            }
        }
        if (compact.length() < 15 || compact.length() > 34) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                digits.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }
}
