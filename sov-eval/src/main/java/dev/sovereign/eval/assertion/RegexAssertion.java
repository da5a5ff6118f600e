package dev.sovereign.eval.assertion;

import java.util.regex.Pattern;

/** {@code regex}: the output matches somewhere (JavaScript {@code RegExp.test}); an invalid pattern fails the assertion. */
final class RegexAssertion implements Grader {

    @Override
    public GradingResult grade(AssertionInput in) {
        String source = in.textValue();
        Pattern pattern;
        try {
            pattern = JsRegex.compile(source);
        } catch (IllegalArgumentException e) {
            return new GradingResult(false, 0, "Invalid regex pattern: " + e.getMessage(), in.spec(),
                    dev.sovereign.eval.provider.ProviderResponse.TokenUsage.NONE);
        }
        return GradingResult.check(pattern.matcher(in.output()).find(),
                "Expected output to " + TextAssertions.not(in) + "match regex \"" + source + "\"", in.spec());
    }
}
