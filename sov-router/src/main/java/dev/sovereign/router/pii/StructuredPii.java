package dev.sovereign.router.pii;

import java.util.List;
import java.util.regex.Matcher;
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
            "(?i)phone|call|tel\\b|mobile|cell|fax|office|number|contact|reach|whatsapp|text me|dial|ring|answering|line|helpline|hotline|\\bsms\\b");
    /** Words that name a phone, as opposed to PHONE_CONTEXT's looser "number", "line" or "office". */
    private static final Pattern PHONE_WORD = Pattern.compile(
            "(?i)phone|\\btel\\b|mobile|\\bcell|\\bfax|\\bcall|\\bdial|\\bring\\b|whatsapp|\\btext\\b|\\bsms\\b|helpline|hotline");
    /** NANP in groups: [+]1, then (NXX) or NXX, NXX and XXXX, N being 2-9; separators between the groups. */
    private static final Pattern NANP_GROUPED = Pattern.compile(
            "(?:\\+?1[ .-]?)?(?:\\([2-9]\\d{2}\\) ?|[2-9]\\d{2}[ .-])[2-9]\\d{2}[ .-]\\d{4}");
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
                        s -> digits(s) >= 12 && digits(s) <= 19 && oneSeparator(s) && Checksums.luhn(s)).around(Anchors.DENSE_DIGIT_RUN, 64),
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
                        "(?<![\\w+]|\\d[.-])(?:(?:\\+|00)\\d{1,3}[ .-]?(?:\\d[ .-])?|1[ .-])?(?:\\(\\d{1,5}\\)[ .-]?)?(?:\\(0\\)\\d{1,4}[ .-]?)?\\d{2,10}(?:[ .-]\\d{2,8}){0,4}"
                                + "(?: ?(?:x|ext\\.? ?)\\d{1,5})?(?!\\w|-\\d)",
                        StructuredPii::plausiblePhone).around(Anchors.DENSE_DIGIT_RUN, 96).rescuing(StructuredPii::phoneInside));
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

    /**
     * A card number is written with one kind of separator, or none: "307 415-555-0132" (a room
     * number before a phone) mixes two and is not a card, whatever its Luhn digit says (1 in 10
     * such runs pass it).
     */
    static boolean oneSeparator(String s) {
        return s.indexOf(' ') < 0 || s.indexOf('-') < 0;
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
     * Two shapes are phones by their grammar alone, whatever words stand before them: an
     * international number (ITU E.164: "+" or "00", a country code, at most 15 digits) and a NANP
     * number written in groups (an area code and an exchange that start with 2-9, then four digits).
     */
    private static boolean plausiblePhone(String text, int start, int end) {
        String s = text.substring(start, end);
        if (digits(s) < 6) {
            return false;
        }
        String core = s.replaceAll("(?i) ?(?:x|ext\\.? ?)\\d{1,5}$", "");
        int digits = digits(core);
        boolean international = core.startsWith("+") || core.startsWith("00") && digits >= 10;
        if (digits < 6 || digits > 15 || !international && isDate(core)) {
            return false;
        }
        if (international && digits >= 8 || phoneByGrammar(core)) {
            return !beforeStreetName(text, end);
        }
        int groups = core.trim().split("[ .()+-]+").length;
        if (groups == 1 && digits >= 10) {
            return true;
        }
        if (beforeStreetName(text, end)) {
            return false;
        }
        String before = text.substring(Math.max(0, start - 40), start);
        if (lastEnd(NOT_PHONE_CONTEXT, before) > lastEnd(PHONE_WORD, before)) {
            return false;
        }
        if (groups == 2 && digits >= 10) {
            return true;
        }
        if (international || core.contains("(") || groups >= 3 && digits >= 8) {
            return true;
        }
        if (groups == 2 && core.contains(".")) {
            return false;
        }
        String around = text.substring(Math.max(0, start - 40), Math.min(text.length(), end + 12));
        return PHONE_CONTEXT.matcher(around).find();
    }

    /**
     * The longest run of whole digit groups inside a refused phone candidate that is a phone by its
     * grammar alone (E.164 or grouped NANP, see {@link #plausiblePhone}); null when there is none.
     * Only those shapes are rescued, so a long refused number does not yield a weaker phone.
     */
    static int[] phoneInside(String text, int start, int end) {
        int[] best = null;
        for (int s = start; s < end; s++) {
            boolean groupStart = s == start || " .-".indexOf(text.charAt(s - 1)) >= 0 && (Anchors.digit(text.charAt(s))
                    || text.charAt(s) == '(' || text.charAt(s) == '+');
            if (!groupStart) {
                continue;
            }
            for (int e = end; e > s + 7 && (best == null || e - s > best[1] - best[0]); e--) {
                boolean groupEnd = Anchors.digit(text.charAt(e - 1)) && (e == end || " .-)".indexOf(text.charAt(e)) >= 0);
                if (groupEnd && (s != start || e != end) && phoneByGrammar(text.substring(s, e)) && !beforeStreetName(text, e)) {
                    best = new int[] {s, e};
                }
            }
        }
        return best;
    }

    private static boolean phoneByGrammar(String candidate) {
        int digits = digits(candidate);
        return candidate.startsWith("+") && digits >= 8 && digits <= 15 && !candidate.contains("  ")
                || NANP_GROUPED.matcher(candidate).matches();
    }

    /** Where the last match of {@code p} in {@code s} ends; -1 when there is none. */
    private static int lastEnd(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        return end;
    }

    /**
     * A calendar date written with one separator: year-month-day, or day and month (either order)
     * then a four-digit year. "81-3-1234" has the shape of a date but is a Tokyo number.
     */
    static boolean isDate(String core) {
        Matcher m = DATE.matcher(core);
        while (m.find()) {
            String[] parts = m.group().split("[-./]");
            if (parts.length != 3 || m.group().charAt(parts[0].length()) != m.group().charAt(parts[0].length() + 1 + parts[1].length())) {
                continue;
            }
            int a = Integer.parseInt(parts[0]);
            int b = Integer.parseInt(parts[1]);
            int c = Integer.parseInt(parts[2]);
            boolean ymd = parts[0].length() == 4 && year(a) && b >= 1 && b <= 12 && c >= 1 && c <= 31;
            boolean dmy = parts[2].length() == 4 && year(c) && a >= 1 && b >= 1
                    && (a <= 31 && b <= 12 || a <= 12 && b <= 31);
            if (ymd || dmy) {
                return true;
            }
        }
        return false;
    }

    private static boolean year(int y) {
        return y >= 1000 && y <= 2999;
    }
}
