package dev.sovereign.eval.assertion;

/** Grades one assertion type. Throwing marks the whole test as an error (a broken suite or grader), not a failure. */
@FunctionalInterface
public interface Grader {
    GradingResult grade(AssertionInput input) throws Exception;
}
