package dev.sovereign.cli;

import picocli.CommandLine;

/**
 * A command that fails with an exception prints one line naming the cause and exits 1.
 * Stack traces are for bugs; set SOV_DEBUG=1 to see them.
 */
final class OneLineFailure implements CommandLine.IExecutionExceptionHandler {

    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (System.getenv("SOV_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
        cmd.getErr().flush();
        return FAILURE;
    }
}
