package dev.sovereign.testing.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of {@code ./test}: skipped and failed tests listed by reason, then one line
 * {@code test: N passed, N failed, N skipped} (CI parses exactly that form), then how many were skipped for missing
 * shared data and where that folder goes. Run from source, so it works even when the build itself failed:
 * {@code java sov-testing/src/main/java/dev/sovereign/testing/report/TestSummary.java ROOT SHARED [MAVEN_EXIT]}.
 */
public final class TestSummary {
    /** How a skip for missing shared data begins; the extension writes it, this summary counts it. */
    public static final String MISSING_SHARED = "missing shared data: ";
    private static final int MESSAGE_LENGTH = 200;
    /** JUnit's wrapping of an exception thrown by a condition, which says nothing the reason does not. */
    private static final String CONDITION_FAILED = "Failed to evaluate condition [";
    private static final int NAMES_PER_LINE = 8;

    private final List<TestResult> results;
    private final Path sharedFolder;
    private final int buildExitCode;

    TestSummary(List<TestResult> results, Path sharedFolder, int buildExitCode) {
        this.results = results;
        this.sharedFolder = sharedFolder;
        this.buildExitCode = buildExitCode;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TestSummary PROJECT_ROOT SHARED_FOLDER [MAVEN_EXIT_CODE]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path shared = Path.of(args[1]).toAbsolutePath().normalize();
        int exit = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        new TestSummary(XmlReports.read(root), shared, exit).print(System.out);
    }

    void print(PrintStream out) {
        byReason(TestResult.Outcome.SKIPPED).forEach((reason, names) ->
                out.println("test: skipped " + names.size() + ", " + reason + ": " + listed(names)));
        byReason(TestResult.Outcome.FAILED).forEach((reason, names) ->
                out.println("test: FAILED " + names.size() + ", " + reason + ": " + listed(names)));
        long passed = count(TestResult.Outcome.PASSED);
        long failed = count(TestResult.Outcome.FAILED);
        long skipped = count(TestResult.Outcome.SKIPPED);
        if (buildExitCode != 0 && failed == 0) {
            out.println("test: the build failed outside the tests (exit " + buildExitCode
                    + "): see the Maven output above; tests of modules that did not build are not counted");
        }
        out.println("test: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        String putIt = "; put the shared data folder (fixtures/, datasets/) at " + sharedFolder;
        long skippedForShared = missingShared(TestResult.Outcome.SKIPPED);
        out.println("test: " + skippedForShared + " skipped for missing shared data"
                + (skippedForShared == 0 ? "" : putIt + " to run them"));
        long failedForShared = missingShared(TestResult.Outcome.FAILED);
        if (failedForShared > 0) {
            out.println("test: " + failedForShared + " failed for missing shared data (required under CI=true or"
                    + " SOV_REQUIRE_SHARED=1)" + putIt);
        }
    }

    private long missingShared(TestResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome)
                .filter(r -> reasonKey(r.message()).startsWith(MISSING_SHARED)).count();
    }

    private long count(TestResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Reasons up to their parenthesis, so one missing file or service is one line however many tests need it. */
    private Map<String, List<String>> byReason(TestResult.Outcome outcome) {
        Map<String, List<String>> groups = new TreeMap<>();
        for (TestResult result : results) {
            if (result.outcome() == outcome) {
                groups.computeIfAbsent(reasonKey(result.message()), k -> new ArrayList<>()).add(result.shortName());
            }
        }
        return new LinkedHashMap<>(groups);
    }

    static String reasonKey(String message) {
        if (message.isBlank()) {
            return "no reason given";
        }
        if (message.startsWith(CONDITION_FAILED) && message.indexOf("]: ") > 0) {
            message = message.substring(message.indexOf("]: ") + 3);
        }
        int parenthesis = message.indexOf(" (");
        String key = parenthesis > 0 ? message.substring(0, parenthesis) : message;
        return key.length() <= MESSAGE_LENGTH ? key : key.substring(0, MESSAGE_LENGTH) + "...";
    }

    private static String listed(List<String> names) {
        List<String> distinct = names.stream().distinct().toList();
        if (distinct.size() <= NAMES_PER_LINE) {
            return String.join(", ", distinct);
        }
        return String.join(", ", distinct.subList(0, NAMES_PER_LINE)) + " and " + (distinct.size() - NAMES_PER_LINE)
                + " more";
    }
}
