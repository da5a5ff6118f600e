package dev.sovereign.cli;

import picocli.CommandLine;

/**
 * Usage errors (unknown command, unknown flag, bad value) print one line and exit 2,
 * so scripts see a clean message instead of a wall of usage text.
 */
final class OneLineUsageError implements CommandLine.IParameterExceptionHandler {

    static final int USAGE = 2;

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        String message = ex.getMessage().replace('\n', ' ').strip();
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        cmd.getErr().println(name + ": " + message + " (see '" + name + " --help')");
        cmd.getErr().flush();
        return USAGE;
    }
}
