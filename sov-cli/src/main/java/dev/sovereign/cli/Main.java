package dev.sovereign.cli;

import dev.sovereign.cli.logging.LogFormat;
import dev.sovereign.cli.logging.LogSetup;
import picocli.CommandLine;

/** Entry point of the {@code sov} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogSetup.configure(LogFormat.chosen(java.util.List.of(args), System::getenv));
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return SovCommand.commandLine().execute(args);
    }
}
