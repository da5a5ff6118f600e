package dev.sovereign.router.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The structured entity rules. Each pattern is deliberately loose and the validators (Luhn, IBAN
 * mod-97, SSN ranges, IP octets, phone digit counts) make it precise, which is what gives high
 * recall with high precision on the Presidio sets (docs/router.md).
 */
final class StructuredPii {
    private StructuredPii() {
    }

    private static final Pattern PHONE_CONTEXT = Pattern.compile(
            "(?i)phone|call|tel\\b|mobile|cell|fax|office|number|contact|reach|whatsapp|text me|dial|ring|answering|line");
    private static final Pattern NOT_PHONE_CONTEXT = Pattern.compile(
            "(?i)\\b(?:licen[cs]e|passport|account|policy|zip|postcode|postal|order|invoice|serial|id number|ssn|isbn|tracking|ref|reference)s?\\b");
    /** A house number is followed by a street name: "6556 106 Rue ...", "03 2657 Koontz Lane". */
    private static final Pattern STREET_AFTER = Pattern.compile(
            "^,? (?:[A-Z][\\w'.-]* ){0,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl"
                    + "|Rue|Strasse|Straße|Square|Sq|Terrace|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Close|Crescent|Alley|Row|Gardens)\\b");
    /** Nine digits in a row are an SSN only when the text says so just before. */
    private static final Pattern SSN_CONTEXT = Pattern.compile(
            "(?i)\\b(?:ssn|ss#|ss ?no|social[ -]security|soc\\.? ?sec|taxpayer|tax id|tin)\\b");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern DATE = Pattern.compile(
            "(?<!\\d)(?:\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{4})(?!\\d)");

    /** In priority order: when two matches overlap, the earlier rule wins. */
    static List<PatternRule> rules() {
        return List.of(
                PatternRule.of(PiiType.SECRET, "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", s -> true)
                        .requiring("PRIVATE KEY-----"),
                PatternRule.of(PiiType.SECRET, "\\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}"
                        + "|github_pat_[A-Za-z0-9_]{22,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20}"
                        + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})", s -> true)
                        .requiring("sk-", "AKIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "AIza", "glpat-", "eyJ"),
                PatternRule.group(PiiType.SECRET, "(?i)\\b(?:api[_-]?key|secret(?:[_-]?key)?|access[_-]?token|auth[_-]?token|token"
                        + "|passw(?:or)?d|pwd)\\b[\"']?\\s*[:=]\\s*[\"']?([^\\s\"',;]{8,})", 1).around(Anchors.COLON_OR_EQUALS, 1024),
                PatternRule.of(PiiType.EMAIL_ADDRESS,
                        "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}(?![\\w-])", s -> true)
                        .around(Anchors.AT_SIGN, 1024),
                PatternRule.of(PiiType.IBAN_CODE, "(?i)(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])",
                        Checksums::iban).around(Anchors.DENSE_DIGIT_RUN, 64),
                PatternRule.of(PiiType.CREDIT_CARD, "(?<![\\w+-])\\d(?:[ -]?\\d){11,18}(?![\\d-])",
                        s -> digits(s) >= 12 && digits(s) <= 19 && Checksums.luhn(s)).around(Anchors.DENSE_DIGIT_RUN, 64),
                PatternRule.checked(PiiType.US_SSN, "(?<![\\d-])\\d{3}([- .])\\d{2}\\1\\d{4}(?![\\d-])",
                        (t, s, e) -> validSsn(t.substring(s, e)) && !beforeStreetName(t, e)).around(Anchors.DENSE_DIGIT_RUN, 16),
                PatternRule.checked(PiiType.US_SSN, "(?<![\\w.+-])\\d{9}(?![\\w-]|[.,]\\d)",
                        (t, s, e) -> validSsn(t.substring(s, e)) && SSN_CONTEXT.matcher(t.substring(Math.max(0, s - 60), s)).find())
                        .around(Anchors.DENSE_DIGIT_RUN, 16),
                PatternRule.of(PiiType.IP_ADDRESS,
                        "(?<![:.\\w])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\\.\\d{1,3}){0,3}(?![:\\w]|\\.\\d)",
                        StructuredPii::validIpv6).around(Anchors.COLON, 64),
                PatternRule.of(PiiType.IP_ADDRESS,
                        "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?!\\.?\\d)",
                        s -> true).around(Anchors.DOTTED_DIGITS, 16),
                PatternRule.inContext(PiiType.PHONE_NUMBER,
                        "(?<![\\w.+]|\\d-)(?:(?:\\+|00)\\d{1,3}[ .-]?(?:\\d[ .-])?|1[ .-])?(?:\\(\\d{1,5}\\)[ .-]?)?(?:\\(0\\)\\d{1,4}[ .-]?)?\\d{2,10}(?:[ .-]\\d{2,8}){0,4}"
                                + "(?: ?(?:x|ext\\.? ?)\\d{1,5})?(?!\\w|-\\d)",
                        StructuredPii::plausiblePhone).around(Anchors.DENSE_DIGIT_RUN, 96));
    }

    static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean beforeStreetName(String text, int end) {
        return STREET_AFTER.matcher(text.substring(end, Math.min(text.length(), end + 60))).find();
    }

    private static boolean validSsn(String s) {
        String d = s.replaceAll("\\D", "");
        String area = d.substring(0, 3);
        return !area.equals("000") && !area.equals("666") && !d.startsWith("00", 3) && !d.endsWith("0000");
    }

    /**
     * RFC 4291's text forms: eight groups, or fewer around one "::", optionally ending in a dotted
     * IPv4 address (which counts as two groups); at least one group written out.
     */
    static boolean validIpv6(String s) {
        String address = s;
        int extra = 0;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) >= 0) {
            if (!IPV4.matcher(s.substring(lastColon + 1)).matches()) {
                return false;
            }
            address = s.substring(0, lastColon + 1) + "0";
            extra = 1;
        }
        int compressed = address.indexOf("::");
        if (compressed >= 0) {
            if (address.indexOf("::", compressed + 1) >= 0) {
                return false;
            }
            int left = groups(address.substring(0, compressed));
            int right = groups(address.substring(compressed + 2));
            return left >= 0 && right >= 0 && left + right >= 1 && left + right + extra <= 7;
        }
        return groups(address) + extra == 8;
    }

    /** Colon-separated hex groups of 1-4 digits: their count, 0 for "", -1 when malformed. */
    private static int groups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (!HEX_GROUP.matcher(p).matches()) {
                return -1;
            }
        }
        return parts.length;
    }

    /**
     * Digit groups are everywhere (street numbers, postcodes, quantities), so a short or two-group
     * number counts as a phone only with a phone word nearby; long or decorated ones stand alone.
     */
    private static boolean plausiblePhone(String text, int start, int end) {
        String s = text.substring(start, end);
        if (digits(s) < 6) {
            return false;
        }
        String core = s.replaceAll("(?i) ?(?:x|ext\\.? ?)\\d{1,5}$", "");
        int digits = digits(core);
        if (digits < 6 || digits > 15 || DATE.matcher(core).find()) {
            return false;
        }
        int groups = core.trim().split("[ .()+-]+").length;
        boolean decorated = core.contains("(") || core.startsWith("+") || core.startsWith("00") && digits >= 10;
        if (groups == 1 && digits >= 10) {
            return true;
        }
        if (beforeStreetName(text, end)) {
            return false;
        }
        String before = text.substring(Math.max(0, start - 40), start);
        if (NOT_PHONE_CONTEXT.matcher(before).find()) {
            return false;
        }
        if (groups == 2 && digits >= 10) {
            return true;
        }
        if (decorated || groups >= 3 && digits >= 8) {
            return true;
        }
        if (groups == 2 && core.contains(".")) {
            return false;
        }
        String around = text.substring(Math.max(0, start - 40), Math.min(text.length(), end + 12));
        return PHONE_CONTEXT.matcher(around).find();
    }
}
