package dev.sovereign.cli;

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

    /** Lets a test reach its command before it runs (e.g. to give it an environment). */
    protected void prepare(CommandLine commandLine) {
    }
}
