package dev.sovereign.cli;

import java.util.List;

/** Every subcommand of {@code sov}, in the order {@code sov --help} lists them. One line each. */
final class Subcommands {

    private Subcommands() {
    }

    static List<Object> all() {
        return List.of(
                new ServeCommand(),
                new StatusCommand(),
                new GatewayCommand(),
                new ValidateCommand(),
                new GenerateCommand(),
                new EngineCommand(),
                new PullCommand(),
                new BenchCommand(),
                new RenderCommand(),
                new OperatorCommand(),
                new RouteCommand(),
                new EvalCommand());
    }
}
