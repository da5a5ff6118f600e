package dev.sovereign.spec.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.spec.schema.SchemaMarkdown;
import dev.sovereign.spec.validation.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/inference-service.md must show the schema and rules as they are in the code.
 * Run with -Dsov.golden.update=true to regenerate the generated parts after changing the schema.
 */
class InferenceServiceDocsTest {

    private static final String BEGIN = "<!-- generated:fields -->\n";
    private static final String END = "<!-- /generated:fields -->";
    private static final String RULES_BEGIN = "<!-- generated:rules -->\n";
    private static final String RULES_END = "<!-- /generated:rules -->";

    @Test
    void fieldReferenceAndRulesMatchTheSchema() throws IOException {
        Path doc = Path.of(System.getProperty("sov.root"), "docs", "inference-service.md");
        String text = Files.readString(doc);
        String fields = SchemaMarkdown.table(InferenceServiceSchema.spec(), "spec");
        StringBuilder rules = new StringBuilder("| rule | message | CEL (on `" + "self" + "`) |\n|---|---|---|\n");
        for (Rule<InferenceService> rule : InferenceServiceRules.all()) {
            rules.append("| `").append(rule.name()).append("` | ").append(rule.message().replace("|", "\\|"))
                    .append(" | `").append(rule.cel().replace("|", "\\|")).append("` |\n");
        }
        String expected = replace(replace(text, BEGIN, END, fields), RULES_BEGIN, RULES_END, rules.toString());
        if (Boolean.getBoolean("sov.golden.update")) {
            Files.writeString(doc, expected);
            text = expected;
        }
        assertThat(text).as("docs/inference-service.md is out of date: run the test with -Dsov.golden.update=true")
                .isEqualTo(expected);
    }

    private static String replace(String text, String begin, String end, String body) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as("marker " + begin.strip()).isNotNegative();
        assertThat(to).as("marker " + end).isGreaterThan(from);
        return text.substring(0, from + begin.length()) + body + text.substring(to);
    }
}
