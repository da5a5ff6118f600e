package dev.sovereign.testing.report;

/** One test case as a Surefire or Failsafe XML report records it. */
record TestResult(String className, String name, Outcome outcome, String message) {

    enum Outcome { PASSED, FAILED, SKIPPED }

    /** {@code SimpleClassName.method}, or the class alone when a whole class was skipped or failed. */
    String shortName() {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return name.isEmpty() || name.equals(className) || name.equals(simple) ? simple : simple + "." + name;
    }
}
