package dev.sovereign.router.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.router.train.Datasets;
import dev.sovereign.router.train.PiiEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {

    private final PiiDetector detector = PiiDetector.structuredOnly();

    private List<PiiType> types(String text) {
        return detector.detect(text).stream().map(PiiEntity::type).toList();
    }

    @Test
    void findsEachStructuredTypeWithItsSpan() {
        String text = "Mail jane.doe@example.org or call +1 (415) 555-0132.";
        List<PiiEntity> found = detector.detect(text);
        assertThat(found).extracting(PiiEntity::type).containsExactly(PiiType.EMAIL_ADDRESS, PiiType.PHONE_NUMBER);
        PiiEntity email = found.getFirst();
        assertThat(text.substring(email.start(), email.end())).isEqualTo("jane.doe@example.org");
        assertThat(text.substring(found.get(1).start(), found.get(1).end())).isEqualTo("+1 (415) 555-0132");
    }

    @Test
    void creditCardsNeedAValidLuhnDigit() {
        assertThat(types("card 4111 1111 1111 1111 exp 12/29")).containsExactly(PiiType.CREDIT_CARD);
        assertThat(types("card 4111-1111-1111-1112")).doesNotContain(PiiType.CREDIT_CARD);
        assertThat(Checksums.luhn("79927398713")).isTrue();
        assertThat(Checksums.luhn("79927398710")).isFalse();
    }

    @Test
    void ibansNeedAValidMod97Checksum() {
        assertThat(types("pay to GB82 WEST 1234 5698 7654 32 today")).containsExactly(PiiType.IBAN_CODE);
        assertThat(types("pay to DE89370400440532013000")).containsExactly(PiiType.IBAN_CODE);
        assertThat(types("pay to GB82 WEST 1234 5698 7654 33 today")).doesNotContain(PiiType.IBAN_CODE);
    }

    @Test
    void ssnIpAndSecrets() {
        assertThat(types("my SSN is 123-45-6789")).containsExactly(PiiType.US_SSN);
        assertThat(types("my SSN is 000-45-6789")).doesNotContain(PiiType.US_SSN);
        assertThat(types("server 10.0.12.254 and fe80:0:0:0:200:f8ff:fe21:67cf and 2001:db8::1"))
                .containsExactly(PiiType.IP_ADDRESS, PiiType.IP_ADDRESS, PiiType.IP_ADDRESS);
        assertThat(types("version 1.2.3.4.5 of the lib")).doesNotContain(PiiType.IP_ADDRESS);
        assertThat(types("export OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345")).containsExactly(PiiType.SECRET);
        assertThat(types("aws AKIAIOSFODNN7EXAMPLE")).containsExactly(PiiType.SECRET);
        assertThat(types("password: hunter2hunter2")).containsExactly(PiiType.SECRET);
        assertThat(types("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----")).containsExactly(PiiType.SECRET);
    }

    @Test
    void ordinaryNumbersAreNotPii() {
        assertThat(types("Compute 3.14159 * 2.71828 and the year 2024, the date 2020-01-31 and 1,000,000 units.")).isEmpty();
        assertThat(types("Which is larger: 123456 or 654321?")).isEmpty();
    }

    @Test
    void redactionReplacesEachSpanWithItsType() {
        String text = "write to a@b.io, SSN 123-45-6789";
        assertThat(PiiDetector.redact(text, detector.detect(text))).isEqualTo("write to <EMAIL_ADDRESS>, SSN <US_SSN>");
    }

    @Test
    void meetsTheRecallAndPrecisionTargetsOnThePresidioSets() {
        Datasets data = new Datasets(Path.of(System.getProperty("sov.shared"), "datasets"));
        Map<PiiType, PiiEvaluation.Counts> counts = PiiEvaluation.evaluate(detector, PiiEvaluation.load(data, false));
        for (PiiType t : List.of(PiiType.EMAIL_ADDRESS, PiiType.CREDIT_CARD, PiiType.IBAN_CODE, PiiType.US_SSN, PiiType.IP_ADDRESS)) {
            assertThat(counts.get(t).recall()).as(t + " recall").isGreaterThanOrEqualTo(0.98);
            assertThat(counts.get(t).precision()).as(t + " precision").isGreaterThanOrEqualTo(0.95);
        }
        // Phone numbers in these sets include bare 6-7 digit groups; see docs/router.md.
        assertThat(counts.get(PiiType.PHONE_NUMBER).recall()).isGreaterThanOrEqualTo(0.97);
        assertThat(counts.get(PiiType.PHONE_NUMBER).precision()).isGreaterThanOrEqualTo(0.95);
    }
}
