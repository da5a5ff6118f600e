package dev.sovereign.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Runs a {@link NeedsSharedData} test when its files exist; otherwise skips it, or fails it where required. */
final class SharedDataCondition implements ExecutionCondition {
    static final String REQUIRE_PARAMETER = "sov.requireShared";
    private static final String REQUIRE_VARIABLE = "SOV_REQUIRE_SHARED";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<NeedsSharedData> needs = AnnotationSupport.findAnnotation(context.getElement(), NeedsSharedData.class);
        if (needs.isEmpty()) {
            return ConditionEvaluationResult.enabled("needs no shared data");
        }
        Optional<Path> folder = SharedData.folder(context.getConfigurationParameter(SharedData.PROPERTY).orElse(null));
        List<String> missing = SharedData.missing(folder, List.of(needs.get().value()));
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("shared data present");
        }
        String reason = SharedData.reason(folder, missing);
        if (Strictness.required(context, REQUIRE_PARAMETER, REQUIRE_VARIABLE)) {
            throw new MissingPrerequisiteException(reason, "CI=true or " + REQUIRE_VARIABLE + "=1");
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
