package dev.sovereign.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code sov} command: it only dispatches to one subcommand per capability. */
@Command(
        name = "sov",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Sovereign: a self-hosted LLM platform. Declare a model in one file; serve, route, secure, measure it.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
public final class SovCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** The configured command line: subcommands, one-line usage errors with exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SovCommand());
        Subcommands.all().forEach(cl::addSubcommand);
        withHelpEverywhere(cl);
        cl.setParameterExceptionHandler(new OneLineUsageError());
        cl.setExecutionExceptionHandler(new OneLineFailure());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * {@code --help} on every command, whatever its annotation says: a command with required options
     * would otherwise answer its own help request with a usage error.
     */
    private static void withHelpEverywhere(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.optionsMap().get("--help") == null) {
            spec.mixinStandardHelpOptions(true);
        }
        command.getSubcommands().values().forEach(SovCommand::withHelpEverywhere);
    }
}
