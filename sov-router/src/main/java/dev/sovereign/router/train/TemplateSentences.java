package dev.sovereign.router.train;

import dev.sovereign.router.pii.PiiEntity;
import dev.sovereign.router.pii.PiiType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second unseen PII set: Presidio's sentence templates of the evaluation half
 * (SHA-256("pii-templates:" + template)[0] < 128, never read while writing the rules), each filled
 * {@value #FILLS} times with values in the formats people write, dashes or not: SSNs with dashes,
 * spaces, dots or none; cards grouped or not; IBANs of several countries; US and international
 * phones. The values are generated (valid checksums), the wording is the unseen templates'.
 */
public final class TemplateSentences {

    static final int FILLS = 20;
    static final String FILE = "presidio_templates.txt";
    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z_]+)}}");
    private static final Map<String, PiiType> STRUCTURED = Map.of("email", PiiType.EMAIL_ADDRESS,
            "phone_number", PiiType.PHONE_NUMBER, "credit_card_number", PiiType.CREDIT_CARD, "iban", PiiType.IBAN_CODE,
            "ssn", PiiType.US_SSN, "ip_address", PiiType.IP_ADDRESS);
    private static final List<String> FIRST = List.of("Maria", "Chen", "Olu", "Priya", "Jonas", "Aisha", "Diego", "Hanna");
    private static final List<String> LAST = List.of("Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad");
    private static final List<String> CITIES = List.of("Lyon", "Tampere", "Porto Alegre", "Osaka", "Leeds", "Graz");
    private static final List<String> STREETS = List.of("Maple Street", "Rue des Lilas", "Birkenweg", "Harbour Road");

    private TemplateSentences() {
    }

    public static List<PiiEvaluation.Labeled> evaluationHalf(Datasets datasets) {
        return filled(datasets, true);
    }

    /** The same fills of the other half of the templates: the one to read while writing rules. */
    public static List<PiiEvaluation.Labeled> developmentHalf(Datasets datasets) {
        return filled(datasets, false);
    }

    private static List<PiiEvaluation.Labeled> filled(Datasets datasets, boolean evaluation) {
        List<String> templates;
        try {
            templates = Files.readAllLines(datasets.pii(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
        SplittableRandom random = new SplittableRandom(17);
        List<PiiEvaluation.Labeled> out = new ArrayList<>();
        for (String template : templates) {
            if (template.isBlank() || Split.secondHalf("pii-templates:" + template) != evaluation
                    || STRUCTURED.keySet().stream().noneMatch(k -> template.contains("{{" + k + "}}"))) {
                continue;
            }
            for (int i = 0; i < FILLS; i++) {
                out.add(fill(template, random));
            }
        }
        return out;
    }

    private static PiiEvaluation.Labeled fill(String template, SplittableRandom r) {
        StringBuilder text = new StringBuilder();
        List<PiiEntity> gold = new ArrayList<>();
        Matcher m = SLOT.matcher(template);
        int at = 0;
        while (m.find()) {
            text.append(template, at, m.start());
            String value = value(m.group(1), r);
            PiiType type = STRUCTURED.get(m.group(1));
            if (type != null) {
                gold.add(new PiiEntity(type, text.length(), text.length() + value.length(), 1));
            }
            text.append(value);
            at = m.end();
        }
        text.append(template.substring(at));
        return new PiiEvaluation.Labeled(text.toString(), gold, FILE + ":" + template);
    }

    static String value(String slot, SplittableRandom r) {
        return switch (slot) {
            case "email" -> pick(FIRST, r).toLowerCase() + "." + pick(LAST, r).toLowerCase() + "@"
                    + pick(List.of("example.com", "mail.example.org", "corp.example.co.uk", "example.de"), r);
            case "phone_number" -> phone(r);
            case "credit_card_number" -> card(r);
            case "iban" -> iban(r);
            case "ssn" -> ssn(r);
            case "ip_address" -> r.nextBoolean() ? r.nextInt(1, 224) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255)
                    : String.format("2001:db8:%x::%x", r.nextInt(1, 0xffff), r.nextInt(1, 0xffff));
            case "first_name", "first_name_male", "first_name_female", "first_name_nonbinary", "name_female", "name_male" -> pick(FIRST, r);
            case "last_name", "last_name_male", "last_name_female" -> pick(LAST, r);
            case "name", "person" -> pick(FIRST, r) + " " + pick(LAST, r);
            case "city" -> pick(CITIES, r);
            case "street_name" -> pick(STREETS, r);
            case "building_number" -> String.valueOf(r.nextInt(1, 400));
            case "address" -> r.nextInt(1, 400) + " " + pick(STREETS, r) + ", " + pick(CITIES, r);
            case "age" -> String.valueOf(r.nextInt(18, 90));
            case "year" -> String.valueOf(r.nextInt(1950, 2025));
            case "postcode", "zipcode" -> String.format("%05d", r.nextInt(1000, 99999));
            default -> pick(List.of("Northwind", "Acme", "the committee", "Tuesday"), r);
        };
    }

    private static String pick(List<String> values, SplittableRandom r) {
        return values.get(r.nextInt(values.size()));
    }

    private static String digits(int n, SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(10));
        }
        return sb.toString();
    }

    static String ssn(SplittableRandom r) {
        int area = r.nextInt(1, 900);
        if (area == 666) {
            area = 667;
        }
        String d = String.format("%03d%02d%04d", area, r.nextInt(1, 100), r.nextInt(1, 10_000));
        String sep = pick(List.of("-", "-", " ", ".", ""), r);
        return d.substring(0, 3) + sep + d.substring(3, 5) + sep + d.substring(5);
    }

    static String phone(SplittableRandom r) {
        String a = String.valueOf(r.nextInt(201, 990));
        String b = String.valueOf(r.nextInt(200, 999));
        String c = digits(4, r);
        return switch (r.nextInt(6)) {
            case 0 -> "(" + a + ") " + b + "-" + c;
            case 1 -> a + "-" + b + "-" + c;
            case 2 -> a + "." + b + "." + c;
            case 3 -> "+1 " + a + " " + b + " " + c;
            case 4 -> "+44 20 " + digits(4, r) + " " + digits(4, r);
            default -> "+49 30 " + digits(8, r);
        };
    }

    static String card(SplittableRandom r) {
        boolean amex = r.nextInt(4) == 0;
        String body = (amex ? "3" + (r.nextBoolean() ? "4" : "7") : String.valueOf(4 + r.nextInt(2))) + digits(amex ? 12 : 14, r);
        String number = body + luhnDigit(body);
        String sep = pick(List.of(" ", "-", ""), r);
        if (amex) {
            return number.substring(0, 4) + sep + number.substring(4, 10) + sep + number.substring(10);
        }
        return number.substring(0, 4) + sep + number.substring(4, 8) + sep + number.substring(8, 12) + sep + number.substring(12);
    }

    private static int luhnDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    static String iban(SplittableRandom r) {
        String[][] countries = {{"DE", "18"}, {"GB", "NWBK" + "14"}, {"FR", "23"}, {"NL", "ABNA" + "10"}};
        String[] c = countries[r.nextInt(countries.length)];
        String bban = c[1].length() > 2 ? c[1].substring(0, 4) + digits(Integer.parseInt(c[1].substring(4)), r)
                : digits(Integer.parseInt(c[1]), r);
        String rearranged = bban + c[0] + "00";
        StringBuilder numeric = new StringBuilder();
        for (char ch : rearranged.toCharArray()) {
            numeric.append(Character.isLetter(ch) ? String.valueOf(ch - 'A' + 10) : String.valueOf(ch));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        String iban = c[0] + String.format("%02d", check) + bban;
        if (r.nextBoolean()) {
            return iban;
        }
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            grouped.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
        }
        return grouped.toString();
    }
}
