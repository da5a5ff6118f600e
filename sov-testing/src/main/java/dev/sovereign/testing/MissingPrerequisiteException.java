package dev.sovereign.testing;

/** A test's data or service is absent where it is required (CI): the test fails with the skip reason. */
public final class MissingPrerequisiteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingPrerequisiteException(String reason, String requiredBecause) {
        super(reason + "; required because " + requiredBecause);
    }
}
