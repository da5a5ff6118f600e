package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code --help} prints the usage and exits 0 on every command of the tree, including ones added later. */
class HelpEverywhereTest extends CliTest {

    @ParameterizedTest(name = "sov {0} --help")
    @MethodSource("everyCommand")
    void helpExitsZeroWithTheUsage(String path) {
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
        args.add("--help");
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: sov" + (path.isEmpty() ? "" : " " + path));
    }

    static Stream<String> everyCommand() {
        List<String> paths = new ArrayList<>();
        walk(SovCommand.commandLine(), "", paths);
        assertThat(paths).contains("", "validate", "bench engine", "route eval");
        return paths.stream();
    }

    private static void walk(CommandLine command, String path, List<String> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // aliases lead to the same command
                walk(sub, path.isEmpty() ? name : path + " " + name, paths);
            }
        });
    }
}
