package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Base of the CLI tests: runs the {@code sov} command line in-process, as the launcher would, and keeps what it printed. */
abstract class CliTest {

    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();

    protected int run(String... args) {
        CommandLine cl = SovCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        prepare(cl);
        return cl.execute(args);
    }

    /**
     * Runs {@code args} and asserts a usage error: exit code 2 and one stderr line, {@code sov <command>: ...},
     * that holds {@code expected} (the command is the words of {@code args} before the first flag).
     */
    protected void assertUsageError(String expected, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        StringBuilder command = new StringBuilder("sov");
        for (int i = 0; i < args.length && !args[i].startsWith("-"); i++) {
            command.append(' ').append(args[i]);
        }
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().startsWith(command + ": ").contains(expected);
    }

    /** Lets a test reach its command before it runs (e.g. to give it an environment). */
    protected void prepare(CommandLine commandLine) {
    }
}
