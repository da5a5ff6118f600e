package dev.sovereign.cli;

import picocli.CommandLine.Command;

/** {@code sov bench}: the benchmarks a user runs on their own hardware, one subcommand each. */
@Command(name = "bench", description = "Benchmarks to run on your own hardware.",
        subcommands = {BenchEngineCommand.class, BenchServingCommand.class, BenchGatewayCommand.class})
final class BenchCommand {
}
