package dev.sovereign.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Runs a {@link NeedsService} test when its service answers; otherwise skips it, or fails it where required. */
final class ServiceCondition implements ExecutionCondition {
    static final String REQUIRE_PARAMETER = "sov.requireServices";
    private static final String REQUIRE_VARIABLE = "SOV_REQUIRE_SERVICES";
    static final String NOT_ANSWERING = "service not answering: ";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<NeedsService> needs = AnnotationSupport.findAnnotation(context.getElement(), NeedsService.class);
        if (needs.isEmpty()) {
            return ConditionEvaluationResult.enabled("needs no service");
        }
        NeedsService service = needs.get();
        if (ServiceProbe.answers(service.host(), service.port())) {
            return ConditionEvaluationResult.enabled(service.value() + " answers");
        }
        String reason = NOT_ANSWERING + service.value() + " at " + service.host() + ":" + service.port()
                + " (start it to run this test)";
        if (Strictness.required(context, REQUIRE_PARAMETER, REQUIRE_VARIABLE)) {
            throw new MissingPrerequisiteException(reason, "CI=true or " + REQUIRE_VARIABLE + "=1");
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
